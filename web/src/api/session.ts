/** The token lives in sessionStorage: gone when the tab closes, never in a cookie or on disk. */
const KEY = 'hostaliases.token';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
