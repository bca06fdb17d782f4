import { hash, verify } from '@node-rs/argon2';

/** Passwords shorter than this are refused; the upper bound keeps argon2's input sane. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a stored hash. With no hash (unknown e-mail, removed account) it still runs one
 * argon2 verification against a throw-away hash, so the answer takes the same time either way.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Computed once per process: a real argon2 hash so the verification costs the same as a real one.
    dummy ??= hash('vigie timing equaliser');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
