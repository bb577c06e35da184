/**
 * The Opus packets of an Ogg Opus file (RFC 7845), in order, without the OpusHead and OpusTags
 * header packets: what Lavalink sends untouched on its passthrough path.
 */
export function oggOpusPackets(file: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  let pending: Buffer[] = [];
  let offset = 0;
  while (offset + 27 <= file.length) {
    if (file.toString('latin1', offset, offset + 4) !== 'OggS') {
      throw new Error(`Not an Ogg page at byte ${offset}`);
    }
    const segments = file[offset + 26];
    const table = file.subarray(offset + 27, offset + 27 + segments);
    let body = offset + 27 + segments;
    for (const lacing of table) {
      pending.push(file.subarray(body, body + lacing));
      body += lacing;
      // A lacing value below 255 ends a packet; 255 continues it (possibly on the next page).
      if (lacing < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = body;
  }
  const [head, tags, ...audio] = packets;
  if (!head || head.toString('latin1', 0, 8) !== 'OpusHead') throw new Error('Not an Ogg Opus stream');
  if (!tags || tags.toString('latin1', 0, 8) !== 'OpusTags') throw new Error('Ogg Opus stream without OpusTags');
  return audio;
}
