import { decodeJwt, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Actor, Role } from '../shared/actor.js';

export const ROLES = ['poc', 'lfp', 'stakeholder', 'auditor'] as const;
export type UserRole = (typeof ROLES)[number];

export interface TokenClaims {
  sub: string;
  role: UserRole;
  institution?: string;
}

const secretKey = (secret: string) => new TextEncoder().encode(secret);

export async function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  const jwt = new SignJWT({ role: claims.role, ...(claims.institution ? { institution: claims.institution } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt();
  if (expiresIn !== 0) jwt.setExpirationTime(expiresIn);
  return jwt.sign(secretKey(secret));
}

export class InvalidToken extends Error {}

// Verifying an HS256 signature through WebCrypto costs more than a whole accountability read:
// a token already verified is trusted again for a short while (never past its exp).
const VERIFIED_FOR_MS = 60_000;
const verified = new Map<string, { actor: Actor; until: number }>();

/** Verifies an HS256 bearer token and turns its claims into the actor of the request. */
export async function verifyToken(secret: string, token: string): Promise<Actor> {
  const key = `${secret}\u0000${token}`;
  const hit = verified.get(key);
  if (hit && hit.until > Date.now()) return { ...hit.actor };
  const actor = await verifySignedToken(secret, token);
  const exp = decodeJwt(token).exp;
  if (verified.size >= 10_000) verified.clear();
  verified.set(key, { actor, until: Math.min(Date.now() + VERIFIED_FOR_MS, typeof exp === 'number' ? exp * 1000 : Infinity) });
  return { ...actor };
}

async function verifySignedToken(secret: string, token: string): Promise<Actor> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), { algorithms: ['HS256'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidToken('the token has expired');
    throw new InvalidToken('the token is not valid (signature, format or algorithm)');
  }
  const { sub, role, institution } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) throw new InvalidToken('the token has no valid "sub" claim');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidToken(`the token's "role" claim must be one of ${ROLES.join(', ')}`);
  }
  if (institution !== undefined && (typeof institution !== 'string' || institution.length > 300)) {
    throw new InvalidToken('the token\'s "institution" claim must be a string');
  }
  if (role === 'lfp' && !institution) throw new InvalidToken('an lfp token needs an "institution" claim');
  return { id: sub, role: role as Role, ...(institution ? { institution: institution as string } : {}) };
}
