/**
 * The node flags `npm start` gives the api (package.json's `start` script), so the bench measures
 * the process as it is started in production and a flag is never adopted in the bench alone.
 */
export function apiNodeFlags(packageJson: string): string[] {
  const start = (JSON.parse(packageJson) as { scripts: Record<string, string> }).scripts.start;
  const m = /\bnode((?: --[^\s]+)*) dist\/apps\/api\/src\/main\.js/.exec(start);
  if (!m) throw new Error(`npm start does not run dist/apps/api/src/main.js with node: ${start}`);
  return m[1].split(' ').filter(Boolean);
}
