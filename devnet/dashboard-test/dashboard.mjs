// Drives headless Chromium against a node's dashboard, step by step as DashboardInBrowserTest asks
// on stdin, answering each step on stdout ("ok <step>" or "fail <why>"):
//   (start)                  log in with the read token; "ready" once the page is live
//   position <matchId>       the position's row shows, with its mark
//   price <market> <price>   the market's oracle price shows exactly this decimal string
//   interest <market> <size> the market's open interest shows exactly this decimal string
//   liquidation <matchId>    the trade list shows the position liquidated, and it is no longer open
//   end                      no script error, no reload, no blocked request; screenshots saved
// Environment: PERP_DASHBOARD_URL, PERP_TOKEN_FILE, PERP_SCREENSHOT_DIR, PERP_CHROMIUM.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const WAIT_MS = 90_000;
const env = (k) => {
  if (!process.env[k]) {
    throw new Error(`${k} is not set`);
  }
  return process.env[k];
};
const shots = env('PERP_SCREENSHOT_DIR');
mkdirSync(shots, { recursive: true });
const problems = [];
const say = (line) => process.stdout.write(line + '\n');

const browser = await chromium.launch({ executablePath: env('PERP_CHROMIUM'), headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) {
      navigations++;
    }
  });
  page.on('pageerror', (e) => problems.push('script error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) {
      problems.push('blocked: ' + m.text());
    }
  });
  page.setDefaultTimeout(WAIT_MS);

  await page.goto(env('PERP_DASHBOARD_URL'));
  await page.fill('#token', readFileSync(env('PERP_TOKEN_FILE'), 'utf8').trim());
  await page.click('#login button');
  await page.waitForFunction(() => document.getElementById('agent-address').textContent.length > 0
    && document.getElementById('live').textContent === 'live');
  say('ready');

  const steps = createInterface({ input: process.stdin });
  for await (const line of steps) {
    const [step, ...args] = line.trim().split(/\s+/);
    try {
      if (step === 'position') {
        const mark = `tr[data-position="${args[0]}"] td.mark`;
        await page.waitForFunction((sel) => {
          const td = document.querySelector(sel);
          return td && /^[0-9]/.test(td.textContent);
        }, mark);
        await page.screenshot({ path: join(shots, 'dashboard-position.png'), fullPage: true });
      } else if (step === 'price') {
        await page.waitForFunction(([market, price]) => {
          const td = document.querySelector(`tr[data-market="${market}"] td.price`);
          return td && td.textContent === price;
        }, args);
      } else if (step === 'interest') {
        await page.waitForFunction(([market, size]) => {
          const td = document.querySelector(`tr[data-market="${market}"] td.interest`);
          return td && td.textContent === size;
        }, args);
      } else if (step === 'liquidation') {
        await page.waitForSelector(`tr[data-fill="${args[0]}-liquidated"]`);
        await page.waitForSelector(`tr[data-position="${args[0]}"]`, { state: 'detached' });
        await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
      } else if (step === 'end') {
        if (navigations !== 1) {
          problems.push(`the page navigated ${navigations} times; live updates must not reload it`);
        }
        if (problems.length) {
          throw new Error(problems.join('; '));
        }
        say('ok end');
        break;
      } else {
        throw new Error('unknown step ' + step);
      }
      say('ok ' + step);
    } catch (e) {
      await page.screenshot({ path: join(shots, 'dashboard-failed.png'), fullPage: true }).catch(() => {});
      say(`fail ${step}: ${e.message.split('\n')[0]}`);
      process.exitCode = 1;
      break;
    }
  }
} catch (e) {
  say('fail start: ' + e.message.split('\n')[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
