import type { SignInRefusal } from '../../domain/organisation-sign-in.js';

interface RefusalWording {
  status: number;
  title: string;
  /** What happened and what to do, in plain words; `{email}` is the address the provider gave. */
  body: string[];
}

const START_AGAIN = 'Please go back to the sign-in page and start again.';

/** What a person is told when organisation sign-in refuses them (nothing is signed in, in every case). */
export const REFUSAL_WORDING: Record<SignInRefusal, RefusalWording> = {
  state_unknown: {
    status: 400,
    title: 'This sign-in link has already been used',
    body: ['Each sign-in works once only, and this one has already been used or was not started here.', START_AGAIN],
  },
  state_expired: {
    status: 400,
    title: 'This sign-in took too long',
    body: ['To keep your account safe, signing in must be finished within 10 minutes.', START_AGAIN],
  },
  other_browser: {
    status: 400,
    title: 'This sign-in was started somewhere else',
    body: ['Signing in has to finish in the same browser it started in.', START_AGAIN],
  },
  provider_error: {
    status: 502,
    title: 'Your organisation’s sign-in did not work',
    body: [
      'We could not finish signing you in with your organisation account. You may have cancelled, or the sign-in service may be busy.',
      'Please try again. If it keeps happening, tell your administrator.',
    ],
  },
  token_rejected: {
    status: 403,
    title: 'We could not confirm who you are',
    body: [
      'The answer from your organisation’s sign-in was not meant for this service, so we did not use it.',
      'Please try again. If it keeps happening, tell your administrator.',
    ],
  },
  email_missing: {
    status: 403,
    title: 'Your account has no email address we can use',
    body: ['Your organisation’s sign-in did not tell us your work email address, so we cannot tell which member of staff you are.', 'Please ask your administrator.'],
  },
  email_unverified: {
    status: 403,
    title: 'Your email address has not been confirmed',
    body: [
      'Your organisation’s sign-in did not confirm that {email} is your address, so we cannot use it to sign you in.',
      'Please ask your organisation’s IT team or your administrator.',
    ],
  },
  unknown_staff: {
    status: 403,
    title: 'You do not have access yet',
    body: [
      'Nobody with the email address {email} has been added as a member of staff here.',
      'An administrator needs to add you, with this email address, before you can sign in.',
    ],
  },
  deactivated: {
    status: 403,
    title: 'Your access has ended',
    body: ['The account for {email} has been switched off by an administrator.', 'If you think this is a mistake, please speak to your administrator.'],
  },
};

/** A page of its own (no script): the dashboard's styles, the words, and a way back to sign-in. */
export function signInRefusalPage(refusal: SignInRefusal, email: string | undefined): { status: number; html: string } {
  const wording = REFUSAL_WORDING[refusal];
  const paragraphs = wording.body
    .map((text) => `<p class="govuk-body">${escapeHtml(text).replace('{email}', `<strong>${escapeHtml(email ?? 'your address')}</strong>`)}</p>`)
    .join('\n        ');
  const html = `<!doctype html>
<html lang="en-GB" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(wording.title)} – Engagement bot</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/assets/dashboard.css">
  </head>
  <body class="govuk-template__body">
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content" data-refusal="${refusal}">
        <h1 class="govuk-heading-l">${escapeHtml(wording.title)}</h1>
        ${paragraphs}
        <p class="govuk-body">You have not been signed in.</p>
        <p class="govuk-body"><a class="govuk-link" href="/sign-in">Back to sign in</a></p>
      </main>
    </div>
  </body>
</html>
`;
  return { status: wording.status, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
