/* Placeholder entrypoint: logs and succeeds. Replaced by the escrow's instruction dispatcher. */
#include <stdint.h>

extern void sol_log_(const char *message, uint64_t length);

static const char GREETING[] = "perpnet escrow";

uint64_t entrypoint(const uint8_t *input) {
  (void)input;
  sol_log_(GREETING, sizeof(GREETING) - 1);
  return 0;
}
