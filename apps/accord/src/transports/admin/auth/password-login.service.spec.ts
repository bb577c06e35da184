import type { AppConfig } from '../../../config/app-config';
import { AdminErrorCode } from '@accord/core';
import { PasswordLoginService } from './password-login.service';

const config = (password?: string): AppConfig =>
  ({ admin: { password, sessionSecret: 's'.repeat(32) } }) as unknown as AppConfig;

describe(PasswordLoginService.name, () => {
  it('accepts the configured password and refuses another', async () => {
    const sut = new PasswordLoginService(config('correct horse battery staple'));

    await expect(sut.verify('correct horse battery staple')).resolves.toBeUndefined();
    await expect(sut.verify('correct horse battery stapl')).rejects.toMatchObject({
      code: AdminErrorCode.WrongPassword,
    });
  });

  it('is off without a configured password', async () => {
    const sut = new PasswordLoginService(config(undefined));

    expect(sut.enabled).toBe(false);
    await expect(sut.verify('anything')).rejects.toMatchObject({ code: AdminErrorCode.LoginNotConfigured });
  });

  it('stops checking after 20 failures a minute from anywhere, even the right password', async () => {
    const sut = new PasswordLoginService(config('correct horse battery staple'));
    for (let attempt = 0; attempt < 20; attempt += 1)
      await sut.verify(`guess ${attempt}`, 1_000).catch(() => undefined);

    await expect(sut.verify('correct horse battery staple', 2_000)).rejects.toMatchObject({
      code: AdminErrorCode.TooManyAttempts,
    });
    await expect(sut.verify('correct horse battery staple', 62_000)).resolves.toBeUndefined();
  });
});
