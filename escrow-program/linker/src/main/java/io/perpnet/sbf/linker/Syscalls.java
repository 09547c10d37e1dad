package io.perpnet.sbf.linker;

import java.util.Set;

/**
 * The Solana syscalls a program may call (agave's syscall registry). A call to any other
 * undefined symbol is refused at link time instead of failing at deployment.
 */
final class Syscalls {
  static final Set<String> KNOWN = Set.of(
      "abort", "sol_panic_", "sol_log_", "sol_log_64_", "sol_log_compute_units_", "sol_log_pubkey", "sol_log_data",
      "sol_create_program_address", "sol_try_find_program_address",
      "sol_sha256", "sol_keccak256", "sol_blake3", "sol_secp256k1_recover", "sol_poseidon",
      "sol_invoke_signed_c", "sol_invoke_signed_rust", "sol_set_return_data", "sol_get_return_data",
      "sol_get_clock_sysvar", "sol_get_rent_sysvar", "sol_get_epoch_schedule_sysvar", "sol_get_fees_sysvar",
      "sol_get_epoch_rewards_sysvar", "sol_get_last_restart_slot", "sol_get_sysvar", "sol_get_epoch_stake",
      "sol_memcpy_", "sol_memmove_", "sol_memset_", "sol_memcmp_",
      "sol_get_stack_height", "sol_get_processed_sibling_instruction", "sol_remaining_compute_units",
      "sol_curve_validate_point", "sol_curve_group_op", "sol_curve_multiscalar_mul",
      "sol_alt_bn128_group_op", "sol_alt_bn128_compression", "sol_big_mod_exp");

  private Syscalls() {}
}
