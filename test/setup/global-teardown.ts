export default async function globalTeardown(): Promise<void> {
  await globalThis.__HOSTALIASES_TEST_DB__?.dispose();
}
