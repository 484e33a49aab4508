import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server on 127.0.0.1 that answers everything and remembers what was asked: no request may reach it. */
export async function listeningServer(): Promise<{ port: number; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': req.url?.endsWith('.css') ? 'text/css' : 'image/png' });
    res.end(req.url?.endsWith('.css') ? 'body { color: red }' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Markup that fetches from `port` in every way a page can without JavaScript (and with it). */
export function hostileMarkup(port: number): string {
  const at = (path: string) => `http://127.0.0.1:${port}/${path}`;
  return [
    `</style></title><h1>injected</h1>`,
    `<img src=${at('img')}>`,
    `<link rel="stylesheet" href="${at('link.css')}">`,
    `<style>@import url(${at('import.css')}); body { background: url(${at('background')}) }</style>`,
    `<meta http-equiv="refresh" content="0;url=${at('refresh')}">`,
    `<iframe src="${at('frame')}"></iframe>`,
    `<object data="${at('object')}"></object>`,
    `<video poster="${at('poster')}"></video>`,
    `<script src="${at('script.js')}"></script><script>fetch('${at('fetch')}')</script>`,
  ].join('');
}

/** An organisation's name of at most 200 characters (the setting's limit) that would fetch from `port` as markup. */
export function hostileName(port: number): string {
  const at = `http://127.0.0.1:${port}`;
  return `码尚云</style><h1>x</h1><img src=${at}/o><link rel=stylesheet href=${at}/o.css><meta http-equiv=refresh content="0;url=${at}/r">`;
}
