'use strict';
// Solana JSON-RPC error codes (agave rpc-client-api custom_error.rs) and the JSON form of
// TransactionError that RPC responses carry (e.g. {"InstructionError":[0,{"Custom":1}]}).

const RPC = Object.freeze({
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  BLOCK_CLEANED_UP: -32001,
  SEND_TRANSACTION_PREFLIGHT_FAILURE: -32002,
  TRANSACTION_SIGNATURE_VERIFICATION_FAILURE: -32003,
  BLOCK_NOT_AVAILABLE: -32004,
  NODE_UNHEALTHY: -32005,
  TRANSACTION_PRECOMPILE_VERIFICATION_FAILURE: -32006,
  SLOT_SKIPPED: -32007,
  TRANSACTION_HISTORY_NOT_AVAILABLE: -32011,
  TRANSACTION_SIGNATURE_LEN_MISMATCH: -32013,
  MIN_CONTEXT_SLOT_NOT_REACHED: -32016,
});

class RpcError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }
  toJSON() {
    const e = { code: this.code, message: this.message };
    if (this.data !== undefined) e.data = this.data;
    return e;
  }
}

const invalidParams = (message) => new RpcError(RPC.INVALID_PARAMS, message);

// Order of litesvm's (and agave's) InstructionError and TransactionError field-less variants.
const INSTRUCTION_ERRORS = ('GenericError InvalidArgument InvalidInstructionData InvalidAccountData AccountDataTooSmall '
  + 'InsufficientFunds IncorrectProgramId MissingRequiredSignature AccountAlreadyInitialized UninitializedAccount '
  + 'UnbalancedInstruction ModifiedProgramId ExternalAccountLamportSpend ExternalAccountDataModified '
  + 'ReadonlyLamportChange ReadonlyDataModified DuplicateAccountIndex ExecutableModified RentEpochModified '
  + 'NotEnoughAccountKeys AccountDataSizeChanged AccountNotExecutable AccountBorrowFailed AccountBorrowOutstanding '
  + 'DuplicateAccountOutOfSync InvalidError ExecutableDataModified ExecutableLamportChange '
  + 'ExecutableAccountNotRentExempt UnsupportedProgramId CallDepth MissingAccount ReentrancyNotAllowed '
  + 'MaxSeedLengthExceeded InvalidSeeds InvalidRealloc ComputationalBudgetExceeded PrivilegeEscalation '
  + 'ProgramEnvironmentSetupFailure ProgramFailedToComplete ProgramFailedToCompile Immutable IncorrectAuthority '
  + 'AccountNotRentExempt InvalidAccountOwner ArithmeticOverflow UnsupportedSysvar IllegalOwner '
  + 'MaxAccountsDataAllocationsExceeded MaxAccountsExceeded MaxInstructionTraceLengthExceeded '
  + 'BuiltinProgramsMustConsumeComputeUnits').split(' ');

const TRANSACTION_ERRORS = ('AccountInUse AccountLoadedTwice AccountNotFound ProgramAccountNotFound '
  + 'InsufficientFundsForFee InvalidAccountForFee AlreadyProcessed BlockhashNotFound CallChainTooDeep '
  + 'MissingSignatureForFee InvalidAccountIndex SignatureFailure InvalidProgramForExecution SanitizeFailure '
  + 'ClusterMaintenance AccountBorrowOutstanding WouldExceedMaxBlockCostLimit UnsupportedVersion '
  + 'InvalidWritableAccount WouldExceedMaxAccountCostLimit WouldExceedAccountDataBlockLimit TooManyAccountLocks '
  + 'AddressLookupTableNotFound InvalidAddressLookupTableOwner InvalidAddressLookupTableData '
  + 'InvalidAddressLookupTableIndex InvalidRentPayingAccount WouldExceedMaxVoteCostLimit '
  + 'WouldExceedAccountDataTotalLimit MaxLoadedAccountsDataSizeExceeded ResanitizationNeeded '
  + 'InvalidLoadedAccountsDataSizeLimit UnbalancedTransaction ProgramCacheHitMaxLimit CommitCancelled').split(' ');

function instructionErrorJson(err) {
  if (typeof err === 'number') return INSTRUCTION_ERRORS[err] || `InstructionError${err}`;
  if (err && typeof err.code === 'number') return { Custom: err.code };
  if (err && typeof err.msg === 'string') return { BorshIoError: err.msg };
  return 'GenericError';
}

// litesvm's error object -> the JSON agave's RPC returns.
function transactionErrorJson(err) {
  if (typeof err === 'number') return TRANSACTION_ERRORS[err] || `TransactionError${err}`;
  if (typeof err === 'string') return err;
  if (err && typeof err.err === 'function') return { InstructionError: [err.index, instructionErrorJson(err.err())] };
  const name = err && err.constructor && err.constructor.name;
  if (name === 'TransactionErrorDuplicateInstruction') return { DuplicateInstruction: err.index };
  if (name === 'TransactionErrorInsufficientFundsForRent') return { InsufficientFundsForRent: { account_index: err.accountIndex } };
  if (name === 'TransactionErrorProgramExecutionTemporarilyRestricted') {
    return { ProgramExecutionTemporarilyRestricted: { account_index: err.accountIndex } };
  }
  return String(err);
}

// Human text like agave's Display for TransactionError, for preflight failure messages.
function transactionErrorText(json) {
  if (typeof json === 'string') {
    const words = { BlockhashNotFound: 'Blockhash not found', AlreadyProcessed: 'This transaction has already been processed',
      InsufficientFundsForFee: 'Insufficient funds for fee', AccountNotFound: 'Attempt to debit an account but found no record of a prior credit.',
      SignatureFailure: 'Transaction did not pass signature verification' };
    return words[json] || json;
  }
  if (json.InstructionError) {
    const [index, inner] = json.InstructionError;
    const what = typeof inner === 'string' ? inner
      : inner.Custom !== undefined ? `custom program error: 0x${inner.Custom.toString(16)}` : JSON.stringify(inner);
    return `Error processing Instruction ${index}: ${what}`;
  }
  return JSON.stringify(json);
}

module.exports = { RPC, RpcError, invalidParams, transactionErrorJson, transactionErrorText };
