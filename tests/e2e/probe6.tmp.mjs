import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await launch();
const { page } = await openPage(browser);
await page.goto(server.origin + '/import');
const SET = ['cstate/2024-03-05-queue-stall.md', 'cstate/2024-05-20-reversed.md', 'frontmatter/2022-11-03-panne-paiement.md',
  'statuspage/incidents.json', 'gcp/incidents.json', 'pagerduty/incidents.json', 'csv/void-style.csv',
  'freetext/fr-faits-cet.txt', 'freetext/en-timeline-utc.md', 'bulletin/weekly-2024.txt', 'zip/quarter-bundle.zip', 'hostile/truncated.json'];
await page.getByTestId('file-input').setInputFiles(SET.map((f) => path.join('/work/main/tests/fixtures', f)));
await page.getByTestId('notice').waitFor();
console.log(await page.getByTestId('notice').textContent());
console.log(await page.getByTestId('import-report').locator('caption').textContent());
await page.getByTestId('nav-incidents').click();
const src = await page.getByTestId('incident-row').evaluateAll((rows) => rows.map((r) => r.cells[5].textContent + ' | ' + r.cells[0].textContent));
console.log(src.sort().join('\n'));
await browser.close(); server.close();
