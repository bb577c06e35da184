import type { AppConfig } from '../../../config/app-config';
import { AdminErrorCode } from '@accord/core';
import { addressKey, delayAfterFailures, PasswordLoginService } from './password-login.service';

const PASSWORD = 'correct horse battery staple';
const config = (password?: string): AppConfig =>
  ({ admin: { password, sessionSecret: 's'.repeat(32) } }) as unknown as AppConfig;

/** Records the slow-downs instead of sleeping through them. */
class RecordingPasswordLogin extends PasswordLoginService {
  readonly waits: number[] = [];
  hold: Promise<void> | null = null;

  protected override async wait(ms: number): Promise<void> {
    this.waits.push(ms);
    await this.hold;
  }
}

describe(PasswordLoginService.name, () => {
  it('accepts the configured password and refuses another', async () => {
    const sut = new PasswordLoginService(config(PASSWORD));

    await expect(sut.verify(PASSWORD, '192.168.1.10')).resolves.toBeUndefined();
    await expect(sut.verify('correct horse battery stapl', '192.168.1.10')).rejects.toMatchObject({
      code: AdminErrorCode.WrongPassword,
    });
  });

  it('is off without a configured password', async () => {
    const sut = new PasswordLoginService(config(undefined));

    expect(sut.enabled).toBe(false);
    await expect(sut.verify('anything', '192.168.1.10')).rejects.toMatchObject({
      code: AdminErrorCode.LoginNotConfigured,
    });
  });

  it('checks the right password from a fresh address at once, however many failures came from elsewhere', async () => {
    const sut = new RecordingPasswordLogin(config(PASSWORD));
    for (let address = 0; address < 8; address += 1) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await sut.verify(`guess ${attempt}`, `192.168.1.${100 + address}`).catch(() => undefined);
      }
    }

    await expect(sut.verify(PASSWORD, '192.168.1.10')).resolves.toBeUndefined();
    expect(sut.waits).toEqual([]);
  });

  it('slows an address down after 3 failures, doubling, and still accepts the right password from it', async () => {
    const sut = new RecordingPasswordLogin(config(PASSWORD));
    for (let attempt = 0; attempt < 6; attempt += 1) await sut.verify('guess', '192.168.1.50').catch(() => undefined);

    await expect(sut.verify(PASSWORD, '192.168.1.50')).resolves.toBeUndefined();
    await expect(sut.verify('guess', '192.168.1.50')).rejects.toMatchObject({ code: AdminErrorCode.WrongPassword });

    // 3 free failures, then 0.5, 1 and 2 s; the right password waited 4 s; then the address starts afresh.
    expect(sut.waits).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('forgets failures after 15 minutes', async () => {
    const sut = new RecordingPasswordLogin(config(PASSWORD));
    let now = 0;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await sut.verify('guess', '192.168.1.50', () => now).catch(() => undefined);
    }
    now = 15 * 60_000;

    await expect(sut.verify('guess', '192.168.1.50', () => now)).rejects.toMatchObject({
      code: AdminErrorCode.WrongPassword,
    });
    expect(sut.waits).toEqual([500]);
  });

  it('answers 429 to a fourth attempt from an address while three of its slowed-down attempts wait', async () => {
    const sut = new RecordingPasswordLogin(config(PASSWORD));
    for (let attempt = 0; attempt < 3; attempt += 1) await sut.verify('guess', '192.168.1.50').catch(() => undefined);
    let release = (): void => undefined;
    sut.hold = new Promise((resolve) => (release = resolve));
    const waiting = [1, 2, 3].map(() => sut.verify('guess', '192.168.1.50').catch((error: unknown) => error));

    const fourth = sut.verify(PASSWORD, '192.168.1.50');
    const elsewhere = sut.verify(PASSWORD, '192.168.1.10');

    await expect(fourth).rejects.toMatchObject({ code: AdminErrorCode.TooManyAttempts });
    await expect(elsewhere).resolves.toBeUndefined();
    release();
    await Promise.all(waiting);
  });
});

describe(delayAfterFailures.name, () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 500],
    [4, 1_000],
    [8, 16_000],
    [9, 30_000],
    [40, 30_000],
  ])('%d failures -> %d ms', (failures, ms) => {
    expect(delayAfterFailures(failures)).toBe(ms);
  });
});

describe(addressKey.name, () => {
  it.each([
    ['192.168.1.50', '192.168.1.50'],
    ['::ffff:192.168.1.50', '::ffff:192.168.1.50'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s -> %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
