// Completes package-lock.json with the platform-specific optional packages (native binaries for
// other operating systems and CPUs) that the registry this lockfile was made against did not
// serve. npm 11's `npm ci` refuses a lockfile where a declared optional dependency has no entry;
// on a machine of that platform npm fetches the package by name and version as usual.
// Run after every `npm install` that changes dependencies: node tools/lockfile/complete-optional.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
const CPU_ALIASES = { x86_64: 'x64', x86: 'ia32', 'arm-gnueabihf': 'arm', 'arm-musleabihf': 'arm', eabi: 'arm' };

/** Reads os/cpu from names like @swc/core-darwin-arm64 or @unrs/resolver-binding-linux-x64-gnu. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part)) ?? (parts.includes('win32') ? 'win32' : undefined);
  let cpu = parts.find((part) => CPU.includes(part));
  if (!cpu) cpu = Object.entries(CPU_ALIASES).find(([alias]) => name.includes(alias))?.[1];
  if (!cpu && name.includes('eabi')) cpu = 'arm';
  return { os, cpu };
}

const path = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === '' ? '' : `${location}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => lock.packages[candidate])) continue;
    const { os, cpu } = platformOf(name);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    const exact = version.replace(/^[\^~=]/, '');
    const stub = { version: exact, dev: entry.dev || undefined, optional: true };
    if (os) stub.os = [os];
    if (cpu) stub.cpu = [cpu];
    lock.packages[`node_modules/${name}`] = stub;
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-optional: added ${added} platform package entr${added === 1 ? 'y' : 'ies'} to ${path}`);
