/** An address as it may be shown: without the user name and password it may carry. */
export function withoutCredentials(address: string): string {
  const url = new URL(address);
  url.username = '';
  url.password = '';
  return url.href.replace(/\/$/u, '');
}
