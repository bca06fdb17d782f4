/** Opaque keyset cursors: base64url of "publishedAt.id". */
export function encodeCursor(pos: { publishedAt: number; id: number }): string {
  return Buffer.from(`${pos.publishedAt}.${pos.id}`).toString('base64url');
}

export function decodeCursor(s: string): { publishedAt: number; id: number } | null {
  const m = /^(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  return m ? { publishedAt: Number(m[1]), id: Number(m[2]) } : null;
}
