import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

describe('assertChromium', () => {
  test('fails with the install command when the browser is missing', () => {
    expect(() => assertChromium('/nonexistent/chromium')).toThrow('Chromium is not installed at /nonexistent/chromium. Install it with "apt-get install -y chromium"');
  });

  test('accepts the installed Debian Chromium (the browser tests need it)', () => {
    expect(() => assertChromium(CHROMIUM_PATH)).not.toThrow();
  });

  test('runs headless, sandbox off (root in CI), and offline', () => {
    expect(CHROMIUM_ARGS).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync']));
  });
});
