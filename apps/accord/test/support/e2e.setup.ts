// End-to-end specs boot the whole app and wait for real reconnections: give them time.
jest.setTimeout(60_000);
