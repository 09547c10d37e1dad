'use strict';
// Deploys a program through the BPF Upgradeable Loader (v3) by executing the loader's own
// instructions, so the strict deployment checks (ELF parsing, verification, syscall
// resolution) apply exactly as on a cluster: create + InitializeBuffer, Write in chunks,
// create the program account + DeployWithMaxDataLen. Instruction data is bincode: u32 LE tag.
const { buildTransaction, generateKeypair, keypairFromSeed } = require('./legacy-tx');
const { fromBase58 } = require('./codec');
const { getProgramDerivedAddress } = require('@solana/kit');

const LOADER_V3 = 'BPFLoaderUpgradeab1e11111111111111111111111';
const SYSTEM = '11111111111111111111111111111111';
const RENT = 'SysvarRent111111111111111111111111111111111';
const CLOCK = 'SysvarC1ock11111111111111111111111111111111';
const BUFFER_METADATA = 37; // u32 tag + Option<Pubkey>
const PROGRAM_SIZE = 36; // u32 tag + Pubkey
const PROGRAMDATA_METADATA = 45; // u32 tag + u64 slot + Option<Pubkey>
const CHUNK = 900;

const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
const u64 = (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; };

function createAccount(payer, account, lamports, space, owner) {
  return { programId: SYSTEM, keys: [{ pubkey: payer, isSigner: true, isWritable: true },
    { pubkey: account, isSigner: true, isWritable: true }],
  data: Buffer.concat([u32(0), u64(lamports), u64(space), Buffer.from(fromBase58(owner))]) };
}

/**
 * Deploys {@code elf} at {@code programKeypair.address} (or a program id whose key is unknown,
 * see deployAt) with {@code authority} as upgrade authority. Throws with the loader's logs if a
 * step fails.
 */
async function programDataAddress(program) {
  const [pda] = await getProgramDerivedAddress({ programAddress: LOADER_V3, seeds: [fromBase58(program)] });
  return pda;
}

async function deploy(chain, { elf, programKeypair, authorityAddress }) {
  const payer = generateKeypair();
  chain.airdrop(payer.address, 100_000_000_000n);
  const buffer = generateKeypair();
  const rent = (n) => chain.svm.minimumBalanceForRentExemption(BigInt(n));
  const send = (instructions, signers, what) => {
    const tx = buildTransaction({ instructions, payer, signers, blockhash: chain.latestBlockhash().blockhash });
    const r = chain.process(tx);
    if (r.err) throw new Error(`deploying ${programKeypair.address}: ${what} failed: ${JSON.stringify(r.err)}\n${r.logs.join('\n')}`);
  };
  send([createAccount(payer.address, buffer.address, rent(BUFFER_METADATA + elf.length), BUFFER_METADATA + elf.length, LOADER_V3),
    { programId: LOADER_V3, keys: [{ pubkey: buffer.address, isSigner: false, isWritable: true },
      { pubkey: payer.address, isSigner: false, isWritable: false }], data: u32(0) }], [buffer], 'InitializeBuffer');
  for (let offset = 0; offset < elf.length; offset += CHUNK) {
    const chunk = elf.subarray(offset, Math.min(elf.length, offset + CHUNK));
    send([{ programId: LOADER_V3, keys: [{ pubkey: buffer.address, isSigner: false, isWritable: true },
      { pubkey: payer.address, isSigner: true, isWritable: false }],
    data: Buffer.concat([u32(1), u32(offset), u64(chunk.length), chunk]) }], [], `Write at ${offset}`);
  }
  const programData = await programDataAddress(programKeypair.address);
  send([createAccount(payer.address, programKeypair.address, rent(PROGRAM_SIZE), PROGRAM_SIZE, LOADER_V3),
    { programId: LOADER_V3, keys: [
      { pubkey: payer.address, isSigner: true, isWritable: true },
      { pubkey: programData, isSigner: false, isWritable: true },
      { pubkey: programKeypair.address, isSigner: false, isWritable: true },
      { pubkey: buffer.address, isSigner: false, isWritable: true },
      { pubkey: RENT, isSigner: false, isWritable: false },
      { pubkey: CLOCK, isSigner: false, isWritable: false },
      { pubkey: SYSTEM, isSigner: false, isWritable: false },
      { pubkey: payer.address, isSigner: true, isWritable: false }],
    data: Buffer.concat([u32(2), u64(elf.length * 2)]) }], [programKeypair], 'DeployWithMaxDataLen');
  if (authorityAddress && authorityAddress !== payer.address) {
    send([{ programId: LOADER_V3, keys: [
      { pubkey: programData, isSigner: false, isWritable: true },
      { pubkey: payer.address, isSigner: true, isWritable: false },
      { pubkey: authorityAddress, isSigner: false, isWritable: false }], data: u32(4) }], [], 'SetAuthority');
  }
  return { programData };
}

/**
 * solana-test-validator's --upgradeable-program takes any address, without its key. The
 * loader's deploy needs the program account to sign, so deploy at a throwaway key, then move the
 * program and program-data accounts to the requested address (the bytes were verified by the
 * loader either way; only the program account's pointer to its program data is rewritten).
 */
async function deployAt(chain, { elf, address, authorityAddress }) {
  const temporary = generateKeypair();
  const { programData } = await deploy(chain, { elf, programKeypair: temporary, authorityAddress });
  if (address === temporary.address) return;
  const { Account } = require('litesvm/dist/internal.js');
  const target = await programDataAddress(address);
  const program = chain.svm.getAccount(fromBase58(temporary.address));
  const data = chain.svm.getAccount(fromBase58(programData));
  const programBytes = Buffer.from(program.data());
  Buffer.from(fromBase58(target)).copy(programBytes, 4);
  chain.svm.setAccount(fromBase58(target), new Account(data.lamports(), data.data(), data.owner(), false, 0n));
  chain.svm.setAccount(fromBase58(address), new Account(program.lamports(), programBytes, program.owner(), true, 0n));
  chain.svm.setAccount(fromBase58(temporary.address), new Account(0n, new Uint8Array(0), fromBase58(SYSTEM), false, 0n));
  chain.svm.setAccount(fromBase58(programData), new Account(0n, new Uint8Array(0), fromBase58(SYSTEM), false, 0n));
}

module.exports = { deploy, deployAt, LOADER_V3, keypairFromSeed };
