import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  /** PEM of the test CA. */
  caCert: string;
  /** PEM key and certificate for `127.0.0.1` (subjectAltName IP:127.0.0.1 and DNS:localhost), signed by the CA. */
  serverKey: string;
  serverCert: string;
  /** PKCS12 trust store holding only the CA, for `-Djavax.net.ssl.trustStore`. */
  trustStore: { path: string; password: string };
}

let certificates: Promise<TestCertificates> | undefined;

/**
 * A throwaway CA and a loopback server certificate, made at test time with the `openssl` CLI and
 * the JDK's `keytool` (once per process; the files live in a temporary directory).
 */
export function testCertificates(): Promise<TestCertificates> {
  certificates ??= generate();
  return certificates;
}

async function generate(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'accord-test-ca-'));
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '3',
    '-subj', '/CN=Accord test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await writeFile(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  await run('openssl', [
    'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-out', file('server.crt'), '-days', '3', '-extfile', file('server.ext'),
  ]); // prettier-ignore
  const password = 'accord-test';
  const keytool = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'keytool') : 'keytool';
  await run(keytool, [
    '-importcert', '-noprompt', '-alias', 'accord-test-ca', '-file', file('ca.crt'),
    '-keystore', file('truststore.p12'), '-storetype', 'PKCS12', '-storepass', password,
  ]); // prettier-ignore
  return {
    caCert: await readFile(file('ca.crt'), 'utf8'),
    serverKey: await readFile(file('server.key'), 'utf8'),
    serverCert: await readFile(file('server.crt'), 'utf8'),
    trustStore: { path: file('truststore.p12'), password },
  };
}
