import { describe, expect, it } from 'vitest';
import type { SignInRefusal } from '../../domain/organisation-sign-in.js';
import { REFUSAL_WORDING, signInRefusalPage } from './sign-in-refusal.page.js';

describe('the organisation sign-in refusal page', () => {
  it.each(Object.keys(REFUSAL_WORDING) as SignInRefusal[])('%s: says what happened, that nobody is signed in, and links back', (refusal) => {
    const page = signInRefusalPage(refusal, 'priya@provider.example');
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.html).toContain(`<h1 class="govuk-heading-l">`);
    expect(page.html).toContain('You have not been signed in.');
    expect(page.html).toContain('<a class="govuk-link" href="/sign-in">Back to sign in</a>');
    expect(page.html).not.toMatch(/<script/);
  });

  it('shows the address the provider gave as text, never as markup', () => {
    const page = signInRefusalPage('unknown_staff', '"><script>alert(1)</script>@evil.example');
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;@evil.example');
  });

  it('refuses the person with 403, a spent or stale sign-in with 400, and a provider failure with 502', () => {
    expect(signInRefusalPage('deactivated', 'a@b.example').status).toBe(403);
    expect(signInRefusalPage('state_unknown', undefined).status).toBe(400);
    expect(signInRefusalPage('provider_error', undefined).status).toBe(502);
  });
});
