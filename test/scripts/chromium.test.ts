import { existsSync } from 'node:fs';
import { launchChromium, screenshotHtml } from '../../scripts/chromium';
import { chromiumExecutable } from '../../checks/report/browser';

describe('the npm browser', () => {
  test('comes from @sparticuz/chromium, unpacked to the temporary directory, not from the system', async () => {
    const path = await chromiumExecutable();
    expect(path).not.toMatch(/^\/usr\//);
    expect(existsSync(path)).toBe(true);
  });

  test('starts with PATH emptied: nothing on the machine is needed', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      const browser = await launchChromium();
      try {
        const png = await screenshotHtml(browser, '<p>hello</p>');
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      } finally {
        await browser.close();
      }
    } finally {
      process.env.PATH = saved;
    }
  });
});
