/**
 * The dashboard's session cookie: HttpOnly (page scripts never see it), SameSite=Strict (never sent on a request
 * another site starts), no Max-Age (a browser session cookie), and Secure with the `__Host-` prefix when the
 * dashboard is served over https, so no other host or path can set or shadow it.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#cookie_prefixes
 */
export interface SessionCookieOptions {
  secure: boolean;
}

export function sessionCookieName({ secure }: SessionCookieOptions): string {
  return secure ? '__Host-eb_session' : 'eb_session';
}

export function sessionCookie(secret: string, options: SessionCookieOptions): string {
  return [`${sessionCookieName(options)}=${secret}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(options.secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(options: SessionCookieOptions): string {
  return [`${sessionCookieName(options)}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(options.secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** The session secret from a `Cookie` header, if it carries one of ours in the expected shape. */
export function readSessionSecret(cookieHeader: string | undefined, options: SessionCookieOptions): string | undefined {
  if (!cookieHeader || cookieHeader.length > 8192) return undefined;
  const name = sessionCookieName(options);
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return SECRET_PATTERN.test(value) ? value : undefined;
  }
  return undefined;
}

/** 32 random bytes, base64url. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
