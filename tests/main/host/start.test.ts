import { describe, expect, it } from 'vitest';
import { browserCommand, readyAddress } from '../../../scripts/start.mjs';

describe('npm start in the browser', () => {
  it('opens the default browser the way each platform does, and only where there is a screen', () => {
    const always = () => true;
    expect(browserCommand('darwin', {}, always)).toEqual(['open']);
    expect(browserCommand('win32', {}, always)).toEqual(['cmd', '/c', 'start', '""']);
    expect(browserCommand('linux', { DISPLAY: ':0' }, always)).toEqual(['xdg-open']);
    expect(browserCommand('linux', { WAYLAND_DISPLAY: 'wayland-0' }, always)).toEqual(['xdg-open']);
    // A server without a display, a desktop without xdg-open, or BROWSER=none: the address is printed only.
    expect(browserCommand('linux', {}, always)).toBeNull();
    expect(browserCommand('linux', { DISPLAY: ':0' }, () => false)).toBeNull();
    expect(browserCommand('darwin', { BROWSER: 'none' }, always)).toBeNull();
  });

  it('takes the address from the web host’s READY line only', () => {
    expect(readyAddress('READY http://127.0.0.1:43121/#token=ab12')).toBe('http://127.0.0.1:43121/#token=ab12');
    expect(readyAddress('Serving /home/x/workbench.sqlite')).toBeNull();
    expect(readyAddress('READY http://evil.example:80/')).toBeNull();
  });
});
