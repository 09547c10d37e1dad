/*
 * Exercises every linker feature in one program: a syscall (sol_log_, sol_log_64_), rodata strings
 * (address loads), an internal call, and callx through a const table of function pointers.
 * Instruction data byte 0 selects the operation, byte 1 the operand; it logs the result and
 * returns 0 when the result is 42, else custom error 1 (a deploy test checks both).
 */
#include <stdint.h>

extern void sol_log_(const char *message, uint64_t length);
extern void sol_log_64_(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e);

typedef uint64_t (*operation)(uint64_t);

static uint64_t twice(uint64_t x) { return x * 2; }
static uint64_t plus_one(uint64_t x) { return x + 1; }

static const operation OPERATIONS[2] = {twice, plus_one};
static const char BANNER[] = "features: start";

__attribute__((noinline)) static uint64_t apply(uint64_t selector, uint64_t operand) {
  volatile uint64_t index = selector & 1;
  return OPERATIONS[index](operand);
}

/* Input layout (SBPF v0): u64 account count (0 here), u64 data length, data, program id. */
uint64_t entrypoint(const uint8_t *input) {
  sol_log_(BANNER, sizeof(BANNER) - 1);
  const uint64_t accounts = *(const uint64_t *)input;
  if (accounts != 0) {
    return 2;
  }
  const uint64_t length = *(const uint64_t *)(input + 8);
  if (length < 2) {
    return 3;
  }
  const uint8_t *data = input + 16;
  const uint64_t result = apply(data[0], data[1]);
  sol_log_64_(data[0], data[1], result, 0, 0);
  return result == 42 ? 0 : 1;
}
