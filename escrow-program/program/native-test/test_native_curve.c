/*
 * Native test of native_curve.c, the off-curve test of the native PDA stand-in: 48 encodings
 * (the base point, y = 0, 1, p - 1, p, p + 1, all ones, and 40 pseudo-random ones) with the
 * answer of a reference computation (Euler's criterion on (y^2 - 1) / (d y^2 + 1) mod p, done
 * with Python's integers when the vectors were made).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../fuzz/native_curve.c"

static const struct {
  const char *hex;
  int on_curve;
} CASES[] = {
    {"5866666666666666666666666666666666666666666666666666666666666666", 1},
    {"0000000000000000000000000000000000000000000000000000000000000000", 1},
    {"0100000000000000000000000000000000000000000000000000000000000000", 1},
    {"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1},
    {"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1},
    {"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", 1},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 1},
    {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", 0},
    {"24e7f73f263b312afeff11e4ed153a2352f4e209d374d72c9fa9184dc82adc89", 0},
    {"9b8ef5a554998dd7d7b84065eb779c94961b825d8c7007b8bb444ff4dd2ee36c", 0},
    {"08669f572d4e7d1e2781f660a1ef52ada865de2e35822ce1a845a767dd69d83b", 1},
    {"e1d08b942089fce848e976fb0b39501d9ed51487c1f4dcf9aec9cbefb5905287", 1},
    {"31551a53b478921d713e4186927336f2b4b0733c401a2d9f341e7ceb05a8326d", 1},
    {"bf13ac97fbf316def052b456a87ad8927c56bce42398e42f3ccf18174910887d", 0},
    {"4d0a72c5b2f088ec887088857b096e316e3f3cc765ac5fd63fe782ce53d2205a", 1},
    {"4b14395ed0c8e2ca0843048648bd4d5a632542d7ab427f0fd014d933b9691bff", 0},
    {"d3d6548ae454f040c87af8846190f3476872d0988a906277cd6db49f201103e9", 0},
    {"1d83025b7cabae478a1c872ffde4d288e26a77e65694cdba613dffd55f2fed23", 0},
    {"1c1e19899751749b617b7f818931e88a4ed524f35189595c5bb7d802c80b5dcd", 0},
    {"9b2cde331c2aead6e66bceb52412364fc14d3f66b016d72a9a8ea793c4f84a28", 1},
    {"92bdcfc7fcdc724c0e9810140b0e31e45325225a963ce1459f9da484b2639b06", 1},
    {"43462cc220dd564499e9258ae836974423ae16313aae238ea09afdd9fe604e42", 1},
    {"dffe007b83aad8d5cd66dc528bd547f29f6972d072829bc3b5fc80fb0f6fde67", 1},
    {"6476a344f825aeff0c7e219bf6502ce1fda2c3d15ededfa52e8ce7d6808054bc", 0},
    {"6e1e66f67b2d1f33bc04f05f56b3e9c94ce315d2886dce9871738036e192ba91", 1},
    {"23b7bbac2ee521d6e8f420faff7dae48d5923032d69fa424511a3fafac9e0ce4", 1},
    {"95ba702ec901e822bff5c04475f0e2dfc3a9f03f6e437f237cdf291f78a1055c", 0},
    {"c2026a3c235bcc423cd6fa67e7d91a9b865f2dc26372ee16b60a8ad41135918e", 1},
    {"a472d5c6a19e1bb764dd549f94d51ae04ba3c7be213ea161a6cdee0a3b8e96db", 1},
    {"4feaf64740b48ba8e7970f12e500db443f2c716864bda15d0465eb202aca05e3", 1},
    {"71089ee13b84203f12f36a66c548d3ef1bdf02d7793c8e63db86607eab7c25bb", 0},
    {"c02363edee1f36494177bb197973c59cbe835e9449ed20b83e99ed74a68fcb02", 0},
    {"c0d39c7a562ca97a4f581e74ed17dad3fc1e37ccdfbd511ff1fe1bb3022e57a7", 0},
    {"8273f490482b60bc6fe0a5da7c837f21c3a6e07d5c63dfd1ab62bb7971da3e45", 0},
    {"e29c695a810068a7cbb96a4c1314e5907146301d9fcf8755c79f06a43dd0ccae", 0},
    {"138e58aca9e67966678d34f5aa6671b9ff9aa083803f93a1a7785ef5b6ea5ef5", 0},
    {"cb6c2f1339b5ae1b32b42ac632977f06e2799afed00f508b6ffe96d69719ce2b", 0},
    {"56f23ed103a1c0f53329a31e668646cb1ae471b5d1a1a3e1ca793ab888c3521a", 1},
    {"f572c85de1b4052e8c0862966a8700caea2841cf8956302a236d40f90f17590e", 0},
    {"830ffd8218ac859308a567a95fd5db7fc1abe656af6cdae10db5e9b84cc4df90", 0},
    {"fbee2d4e562e831d2b396bcdf971c99eac42f121c5889b95da22e81332f26ac2", 0},
    {"c87434a178d40862cffc62b247900c738d26d80af6119e4a792a35f0771d23aa", 0},
    {"ec0b1df56afc0ef5f462f44acd1a9921da086e8d3008a5f528fc3b08c8c395dc", 0},
    {"60551808a6662e16efd7f20702fb2c230d7ee66055b3222434c8a48b5f6759b8", 1},
    {"3dd933d91100dc6b79a9ff6686f19adaa43a4a4a8c272eb6325e4c1c8610c43c", 1},
    {"76d539cbc2f90b1f324ff4f34f6f434abd22de71c67c2c3605e4b306cd2027c5", 1},
    {"aab5756b39a99e7055999026266755847c07e54848b00b56d1e6ef7b37a03c8b", 1},
    {"91cc1c794412ce0bd5887c4b7e4a99f6e1c55358fa6275100ba074e13d16eb35", 1}};

int main(void) {
  int failures = 0;
  for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
    uint8_t b[32];
    for (int j = 0; j < 32; j++) {
      unsigned v;
      sscanf(CASES[i].hex + 2 * j, "%2x", &v);
      b[j] = (uint8_t)v;
    }
    if (perp_native_on_curve(b) != (CASES[i].on_curve == 1)) {
      fprintf(stderr, "case %zu (%s): expected %s the curve\n", i, CASES[i].hex, CASES[i].on_curve ? "on" : "off");
      failures++;
    }
  }
  printf("native_curve: %zu encodings, %d mismatches\n", sizeof(CASES) / sizeof(CASES[0]), failures);
  return failures ? 1 : 0;
}
