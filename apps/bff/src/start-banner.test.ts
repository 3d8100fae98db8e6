import { demo } from '@portico/emulator';
import { describe, expect, it } from 'vitest';
import { browserUrl, startBanner } from './start-banner';

describe('startBanner', () => {
  it('names the URL and every demo account on the embedded emulator', () => {
    const text = startBanner({ host: '127.0.0.1', port: 8080, embedded: true, webServed: true });
    expect(text).toContain('http://127.0.0.1:8080');
    expect(text).toContain(demo.domainName);
    for (const u of Object.values(demo.users)) {
      expect(text).toContain(u.name);
      expect(text).toContain(u.password);
    }
    expect(text).not.toMatch(/not built/);
  });

  it('shows no demo password against a real cloud, and says when the web app is missing', () => {
    const text = startBanner({ host: '127.0.0.1', port: 9000, embedded: false, webServed: false });
    expect(text).not.toContain(demo.users.admin.password);
    expect(text).toMatch(/IAM user/);
    expect(text).toMatch(/not built/);
  });
});

describe('browserUrl', () => {
  it('maps wildcard binds to loopback and brackets IPv6', () => {
    expect(browserUrl('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080');
    expect(browserUrl('::', 8080)).toBe('http://127.0.0.1:8080');
    expect(browserUrl('::1', 81)).toBe('http://[::1]:81');
    expect(browserUrl('localhost', 3000)).toBe('http://localhost:3000');
  });
});
