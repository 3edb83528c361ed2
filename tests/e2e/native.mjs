// Runs the native core (cargo examples) so the e2e tests compare the page with what the
// domain functions compute, instead of with numbers written into the test.
import { execFileSync } from 'node:child_process';

function example(name, args) {
  return execFileSync('cargo', ['run', '-q', '--example', name, '--', ...args], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The dashboard's numbers and heatmap layout for an archive, a date and a URL query. */
export function layout(archive, today, query = '') {
  return JSON.parse(example('layout', [archive, today, query]));
}

/** A made-up archive of `count` incidents (the demo generator), as parsed JSON. */
export function demoArchive(count, days = 365, seed = 7) {
  return JSON.parse(example('make_demo', [String(count), String(days), String(seed)]));
}
