import { z } from 'zod';
import { EXPERIMENT_MESSAGES, EXPERIMENT_VARIANTS } from '../../domain/campaigns/experiment.types.js';

const isoDateTime = z.iso.datetime({ offset: true });
const allVariants = [...new Set(Object.values(EXPERIMENT_VARIANTS).flat())] as [string, ...string[]];

export const createExperimentBody = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    message: z.enum(EXPERIMENT_MESSAGES).describe('The message whose wording is compared (only "reminder" for now)'),
    variants: z
      .array(z.enum(allVariants))
      .min(2, 'an experiment compares at least two variants')
      .max(allVariants.length)
      .refine((variants) => new Set(variants).size === variants.length, 'variants must be different from each other')
      .describe('Variant ids, e.g. ["personal", "standard"]; the report compares the first two'),
  })
  .superRefine((body, ctx) => {
    const known: readonly string[] = EXPERIMENT_VARIANTS[body.message];
    body.variants.forEach((variant, index) => {
      if (!known.includes(variant)) ctx.addIssue({ code: 'custom', path: ['variants', index], message: `is not a variant of ${body.message} (${known.join(', ')})` });
    });
  });

const rateSchema = z
  .object({
    value: z.number().nullable().describe('The share, 0 to 1; null with nothing to count yet'),
    low: z.number().nullable().describe('Lower end of the 95% Wilson score interval'),
    high: z.number().nullable().describe('Upper end of the 95% Wilson score interval'),
  })
  .describe('A rate with its 95% confidence interval');

export const experimentVariantSchema = z.object({
  variant: z.string(),
  participants: z.number().int().describe('People given this variant so far'),
  remindersSent: z.number().int(),
  appointments: z.number().int().describe('Appointments reminded about under this variant'),
  attended: z.number().int(),
  didNotAttend: z.number().int(),
  attendanceRate: rateSchema.describe('attended / (attended + didNotAttend)'),
  responded: z.number().int().describe('Reminders the person texted back to within 24 hours'),
  responseRate: rateSchema.describe('responded / remindersSent'),
});

export const experimentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  message: z.enum(EXPERIMENT_MESSAGES),
  status: z.enum(['active', 'stopped']),
  team: z.string().nullable().describe('Whose participants it covers; null: everyone'),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  stoppedAt: isoDateTime.nullable(),
  variants: z.array(experimentVariantSchema),
  comparison: z
    .object({
      measure: z.literal('attendanceRate'),
      between: z.tuple([z.string(), z.string()]),
      difference: z.number().describe('Attendance rate of the first variant minus the second'),
      low: z.number().describe("Lower end of the 95% interval (Newcombe's hybrid score)"),
      high: z.number().describe('Upper end of the 95% interval'),
    })
    .optional()
    .describe('Present once both of the first two variants have attendance recorded'),
});
