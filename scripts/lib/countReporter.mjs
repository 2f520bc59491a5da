// A node:test reporter that counts tests the way Node's own summary does (suites are not
// tests; skipped and todo tests are counted apart) and writes the totals as one JSON object.
// Used by scripts/test.mjs beside the human-readable spec reporter.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    const isSuite = data.details?.type === 'suite';
    if (isSuite && (event.type === 'test:pass' || data.details?.error?.failureType === 'subtestsFailed')) continue;
    if (data.skip !== undefined || data.todo !== undefined) totals.skipped += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else {
      totals.failed += 1;
      const error = data.details?.error;
      const cause = error?.cause instanceof Error ? error.cause.message : error?.message;
      totals.failures.push({ name: data.name, file: data.file, message: String(cause ?? '').split('\n').find((line) => line.trim() !== '') ?? '' });
    }
  }
  yield `${JSON.stringify(totals)}\n`;
}
