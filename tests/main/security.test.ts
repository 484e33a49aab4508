import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  appFileFor,
  CONTENT_SECURITY_POLICY,
  externalLinkToOpen,
  hostAllowed,
  isTrustedRendererUrl,
  printRequestAllowed,
  RENDERER_HEADERS,
  requestTarget,
  staticFile,
} from '../../src/main/security';

describe('the trusted-URL check of the Electron host', () => {
  it('trusts the pages of app://renderer/ only', () => {
    expect(isTrustedRendererUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedRendererUrl('app://renderer/index.html#/requests/12')).toBe(true);
    for (const url of [
      'file:///opt/privacy-workbench/out/renderer/index.html',
      'app://renderer.evil.example/index.html',
      'app://other/index.html',
      'app://user:pw@renderer/index.html',
      'https://renderer/index.html',
      'http://127.0.0.1:5173/',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isTrustedRendererUrl(url), url).toBe(false);
    }
  });

  it('in development, trusts the dev server’s origin exactly, not a name that begins like it', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedRendererUrl('http://localhost:5173/#/categories', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isTrustedRendererUrl(APP_ENTRY_URL, dev)).toBe(false);
  });
});

describe('the files the hosts serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-renderer-'));

  it('maps a path to a file inside the renderer folder, refusing traversal and malformed encoding', () => {
    expect(staticFile(dir, '/')).toBe(join(dir, 'index.html'));
    expect(staticFile(dir, '/assets/index-abc.js')).toBe(join(dir, 'assets', 'index-abc.js'));
    expect(staticFile(dir, '/assets/%E4%B8%AD.js')).toBe(join(dir, 'assets', '中.js'));
    for (const bad of ['/%E0%A4%A', '/%zz', '/../secret', '/assets/%2e%2e/%2e%2e/etc/passwd', '/a%00.js', '/..%5c..%5cwin.ini', '/./index.html']) {
      expect(staticFile(dir, bad), bad).toBe('bad');
    }
  });

  it('answers app://renderer/ requests from the same folder, and nothing else', () => {
    expect(appFileFor(dir, 'app://renderer/index.html')).toBe(join(dir, 'index.html'));
    // The URL parser resolves dot segments against the root: they never climb out of the folder.
    expect(appFileFor(dir, 'app://renderer/assets/%2e%2e/%2e%2e/%2e%2e/main/index.js')).toBe(join(dir, 'main', 'index.js'));
    expect(appFileFor(dir, 'app://renderer/..%2f..%2fmain%2findex.js')).toBeNull();
    expect(appFileFor(dir, 'app://renderer/%E0%A4%A')).toBeNull();
    expect(appFileFor(dir, 'app://elsewhere/index.html')).toBeNull();
    expect(appFileFor(dir, 'file:///etc/passwd')).toBeNull();
  });

  it('sends one CSP, with frame-ancestors, and no sniffing', () => {
    expect(RENDERER_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(RENDERER_HEADERS['x-content-type-options']).toBe('nosniff');
  });
});

describe('the web host’s request checks', () => {
  it('answers only requests addressed to 127.0.0.1 or localhost on its own port (DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:4321', 4321)).toBe(true);
    expect(hostAllowed('localhost:4321', 4321)).toBe(true);
    expect(hostAllowed('LOCALHOST:4321', 4321)).toBe(true);
    for (const host of ['evil.example:4321', '127.0.0.1', '127.0.0.1:80', 'localhost:43210', '127.0.0.1:4321.evil.example', '[::1]:4321', '']) {
      expect(hostAllowed(host, 4321), host).toBe(false);
    }
    expect(hostAllowed(undefined, 4321)).toBe(false);
  });

  it('takes only a path as the request target', () => {
    expect(requestTarget('/api/categories:list?x=1')?.pathname).toBe('/api/categories:list');
    for (const target of ['http://evil.example/api/x', '//evil.example/x', '*', '', undefined]) expect(requestTarget(target)).toBeNull();
  });
});

describe('windows and links', () => {
  it('hands only an https link the user clicked to the system browser', () => {
    expect(externalLinkToOpen({ url: 'https://www.cac.gov.cn/2021-08/20/c_1631050028355286.htm', disposition: 'foreground-tab' })).toBe(
      'https://www.cac.gov.cn/2021-08/20/c_1631050028355286.htm',
    );
    expect(externalLinkToOpen({ url: 'https://example.com/', disposition: 'new-window' })).toBeNull(); // window.open()
    expect(externalLinkToOpen({ url: 'https://example.com/', disposition: 'background-tab' })).toBeNull(); // a middle click
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'smb://server/share', 'ms-msdt:/id', 'javascript:alert(1)', 'https://user:pw@example.com/']) {
      expect(externalLinkToOpen({ url, disposition: 'foreground-tab' }), url).toBeNull();
    }
  });

  it('lets the PDF print window load its own report file and data: URLs only', () => {
    const report = 'file:///tmp/privacy-workbench-print-Ab12/report.html';
    expect(printRequestAllowed(report, report)).toBe(true);
    // The same file spelt another way is the same file.
    expect(printRequestAllowed('file:///tmp/privacy-workbench-print-Ab12/./report.html', report)).toBe(true);
    expect(printRequestAllowed('data:image/png;base64,iVBORw0KGgo=', report)).toBe(true);
    expect(printRequestAllowed('data:text/html;charset=utf-8;base64,PGgxPg==', null)).toBe(true);
    for (const url of [
      'https://tracker.example/pixel.gif',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///tmp/privacy-workbench-print-Ab12/other.html',
      'file:///tmp/privacy-workbench-print-Ab12/report.html?x=1',
      'file://server/share/report.html',
      'app://renderer/index.html',
      'ws://127.0.0.1/',
      'blob:null/x',
    ]) {
      expect(printRequestAllowed(url, report), url).toBe(false);
    }
    // Between prints no file is trusted.
    expect(printRequestAllowed(report, null)).toBe(false);
  });
});
