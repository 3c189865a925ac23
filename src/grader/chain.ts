import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './canonicalJson';

// The hash chain of an attempt file. Each event's hash is
//   sha256( utf8( previousHash + canonicalJson({ seq, at, actor, type, payload }) ) )
// written as 64 lowercase hex digits; the first event's previous hash is the hash of the header
// (canonicalJson of format, version, labId, appVersion, seedId, startAt, and learner when the file
// has one), so an edited header or learner breaks the chain too, while files written before the
// learner field existed hash exactly as they did, and `lastHash` closes it, so events removed from the end are noticed.
// A static site cannot keep a secret, so this makes hand edits evident, not forgery impossible:
// replay makes a re-chained forgery obey every rule of the lab.

/**
 * SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. The grader's default is
 * @noble/hashes (pure JS, synchronous, runs in browsers); the CLI passes Node's native
 * crypto.hash, several times faster per event.
 */
export type Sha256Hex = (text: string) => string;

export interface ChainHeader {
  format: string;
  version: number;
  labId: string;
  appVersion: string;
  seedId: string;
  startAt: string;
  /** The learner's name or student ID; left out of the hash when absent. */
  learner?: string | undefined;
}

export interface ChainedFields {
  seq: unknown;
  at: unknown;
  actor: unknown;
  type: unknown;
  payload: unknown;
}

const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

// One encoder and one growing buffer: TextEncoder#encode allocates per call, which showed in the
// profile of verifying a class's files; encodeInto into a reused buffer does not.
const encoder = new TextEncoder();
let buffer = new Uint8Array(4096);

function utf8(text: string): Uint8Array {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return buffer.subarray(0, written);
}

/** The UTF-8 bytes of a string (a copy). */
export function utf8Bytes(text: string): Uint8Array {
  return utf8(text).slice();
}

export const nobleSha256Hex: Sha256Hex = (text) => toHex(nobleSha256(utf8(text)));

/** The hash the chain starts from: that of the file's header. */
export function headerHash(h: ChainHeader, sha256: Sha256Hex = nobleSha256Hex): string {
  // canonicalJson leaves out a key holding undefined: a header without a learner hashes as before.
  return sha256(canonicalJson({ appVersion: h.appVersion, format: h.format, labId: h.labId, learner: h.learner, seedId: h.seedId, startAt: h.startAt, version: h.version }));
}

/**
 * The hash of an event chained after `previousHash`. `payloadJson`, when the caller has it, is
 * canonicalJson(e.payload): the grader computes it once per event for the chain and the events digest.
 */
export function eventHash(previousHash: string, e: ChainedFields, sha256: Sha256Hex = nobleSha256Hex, payloadJson?: string): string {
  return sha256(previousHash + eventJson(e, payloadJson));
}

/** canonicalJson({ seq, at, actor, type, payload }) of an event; spelled out when the fields are as the schema reads them. */
function eventJson(e: ChainedFields, payloadJson: string | undefined): string {
  const { actor, at, payload, seq, type } = e;
  if (typeof actor === 'string' && typeof at === 'string' && typeof type === 'string' && Number.isFinite(seq) && typeof payload === 'object' && payload !== null)
    // Keys in code-unit order, as canonicalJson writes them.
    return `{"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},"payload":${payloadJson ?? canonicalJson(payload)},"seq":${JSON.stringify(seq)},"type":${JSON.stringify(type)}}`;
  // Anything else (a hand-made or fuzzed event): the definition.
  return canonicalJson({ actor, at, payload, seq, type });
}
