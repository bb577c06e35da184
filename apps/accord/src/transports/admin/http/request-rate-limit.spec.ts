import { RequestRateLimiter } from './request-rate-limit';

describe(RequestRateLimiter.name, () => {
  it('lets an address make its limit of requests per window, then says how long to wait', () => {
    let now = 0;
    const sut = new RequestRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });

    const first = [sut.take('10.0.0.1'), sut.take('10.0.0.1'), sut.take('10.0.0.1')];
    now = 15_000;
    const over = sut.take('10.0.0.1');
    const other = sut.take('10.0.0.2');
    now = 60_000;
    const nextWindow = sut.take('10.0.0.1');

    expect(first).toEqual([0, 0, 0]);
    expect(over).toBe(45);
    expect(other).toBe(0);
    expect(nextWindow).toBe(0);
  });
});
