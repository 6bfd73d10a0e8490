#!/usr/bin/env node
// The installed command: runs the compiled CLI (dist/, built by `npm run build`).
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); // output piped into `head` and the like
  throw e;
});
try {
  const { main } = await import('../dist/src/cli.js');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`mapsafe: cannot start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  process.exitCode = 2;
}
