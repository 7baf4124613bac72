// PII recognizer for cryptocurrency addresses (see pii_core.hpp): Bitcoin base58check and bech32/bech32m
// addresses with their checksums, Ethereum addresses by form. Includes a small SHA-256 (FIPS 180-4) used
// for the base58check checksum.
#include "plugins/pii/pii_internal.hpp"

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace inv::detectors::pii {
namespace {

constexpr double kValidatedScore = 1.0;
constexpr double kEthereumScore = 0.6;

// ---------------------------------------------------------------------------------------------------------
// SHA-256. The round constants and initial hash values are the fractional parts of the cube and square
// roots of the first primes; they are derived here with exact integer checks rather than tabulated.

using u32 = std::uint32_t;
using u64 = std::uint64_t;
using u128 = unsigned __int128;

u64 integer_root_scaled(u64 p, int degree) {
  // floor(p^(1/degree) * 2^32), corrected with exact integer arithmetic.
  const long double approx = std::pow(static_cast<long double>(p), 1.0L / degree) * 4294967296.0L;
  u64 c = static_cast<u64>(approx);
  auto power = [degree](u128 x) { return degree == 2 ? x * x : x * x * x; };
  const u128 target = degree == 2 ? static_cast<u128>(p) << 64 : static_cast<u128>(p) << 96;
  while (power(c) > target) --c;
  while (power(static_cast<u128>(c) + 1) <= target) ++c;
  return c;
}

struct ShaConstants {
  std::array<u32, 64> k{};
  std::array<u32, 8> h{};
  ShaConstants() {
    std::vector<u64> primes;
    for (u64 candidate = 2; primes.size() < 64; ++candidate) {
      bool prime = true;
      for (u64 p : primes) {
        if (p * p > candidate) break;
        if (candidate % p == 0) {
          prime = false;
          break;
        }
      }
      if (prime) primes.push_back(candidate);
    }
    for (std::size_t i = 0; i < 64; ++i) k[i] = static_cast<u32>(integer_root_scaled(primes[i], 3));
    for (std::size_t i = 0; i < 8; ++i) h[i] = static_cast<u32>(integer_root_scaled(primes[i], 2));
  }
};

u32 rotr(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

std::array<std::uint8_t, 32> sha256(const std::uint8_t* data, std::size_t size) {
  static const ShaConstants constants;
  std::array<u32, 8> state = constants.h;
  std::vector<std::uint8_t> message(data, data + size);
  message.push_back(0x80);
  while (message.size() % 64 != 56) message.push_back(0);
  const u64 bits = static_cast<u64>(size) * 8;
  for (int shift = 56; shift >= 0; shift -= 8) message.push_back(static_cast<std::uint8_t>(bits >> shift));
  std::array<u32, 64> w{};
  for (std::size_t block = 0; block < message.size(); block += 64) {
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = (u32{message[block + 4 * t]} << 24) | (u32{message[block + 4 * t + 1]} << 16) |
             (u32{message[block + 4 * t + 2]} << 8) | u32{message[block + 4 * t + 3]};
    }
    for (std::size_t t = 16; t < 64; ++t) {
      const u32 s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const u32 s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    u32 a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6],
        h = state[7];
    for (std::size_t t = 0; t < 64; ++t) {
      const u32 big1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const u32 choose = (e & f) ^ (~e & g);
      const u32 t1 = h + big1 + choose + constants.k[t] + w[t];
      const u32 big0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const u32 majority = (a & b) ^ (a & c) ^ (b & c);
      const u32 t2 = big0 + majority;
      h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
    state[4] += e, state[5] += f, state[6] += g, state[7] += h;
  }
  std::array<std::uint8_t, 32> digest{};
  for (std::size_t i = 0; i < 8; ++i)
    for (std::size_t j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<std::uint8_t>(state[i] >> (24 - 8 * j));
  return digest;
}

namespace {

// ---------------------------------------------------------------------------------------------------------
// Base58check (legacy Bitcoin addresses).

int base58_value(char32_t c) {
  static constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  if (c >= 0x80) return -1;
  const auto pos = kAlphabet.find(static_cast<char>(c));
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool base58check_address(const std::u32string& token) {
  if (token.size() < 25 || token.size() > 35) return false;
  std::vector<std::uint8_t> bytes;  // big-endian
  std::size_t leading_zeros = 0;
  bool leading = true;
  for (char32_t c : token) {
    const int v = base58_value(c);
    if (v < 0) return false;
    if (leading && v == 0) {
      ++leading_zeros;
      continue;
    }
    leading = false;
    int carry = v;
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
      carry += 58 * *it;
      *it = static_cast<std::uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.insert(bytes.begin(), static_cast<std::uint8_t>(carry & 0xFF));
      carry >>= 8;
    }
  }
  std::vector<std::uint8_t> raw(leading_zeros, 0);
  raw.insert(raw.end(), bytes.begin(), bytes.end());
  if (raw.size() != 25) return false;
  const std::uint8_t version = raw[0];
  if (!((token[0] == U'1' && version == 0x00) || (token[0] == U'3' && version == 0x05))) return false;
  const auto first = sha256(raw.data(), 21);
  const auto second = sha256(first.data(), first.size());
  for (std::size_t i = 0; i < 4; ++i)
    if (second[i] != raw[21 + i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Bech32 / bech32m (BIP 173 / BIP 350) segwit addresses on the "bc" prefix.

u32 bech32_polymod(const std::vector<std::uint8_t>& values) {
  static constexpr std::array<u32, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  u32 check = 1;
  for (std::uint8_t v : values) {
    const u32 top = check >> 25;
    check = ((check & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) check ^= kGenerator[static_cast<std::size_t>(i)];
  }
  return check;
}

bool bech32_address(const std::u32string& token) {
  static constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  if (token.size() < 14 || token.size() > 74) return false;
  bool any_lower = false, any_upper = false;
  for (char32_t c : token) {
    any_lower |= is_ascii_lower(c);
    any_upper |= is_ascii_upper(c);
  }
  if (any_lower && any_upper) return false;
  std::vector<std::uint8_t> values = {3, 3, 0, 2, 3};  // expansion of the prefix "bc"
  std::vector<std::uint8_t> data;
  for (std::size_t i = 3; i < token.size(); ++i) {
    const char32_t c = ascii_lower(token[i]);
    if (c >= 0x80) return false;
    const auto pos = kCharset.find(static_cast<char>(c));
    if (pos == std::string_view::npos) return false;
    data.push_back(static_cast<std::uint8_t>(pos));
  }
  if (data.size() < 7) return false;
  values.insert(values.end(), data.begin(), data.end());
  const u32 residue = bech32_polymod(values);
  const std::uint8_t witness_version = data[0];
  if (witness_version > 16) return false;
  // Regroup the program (data without version and checksum) from 5-bit to 8-bit values.
  u32 accumulator = 0;
  int bits = 0;
  std::size_t program_bytes = 0;
  for (std::size_t i = 1; i + 6 < data.size(); ++i) {
    accumulator = (accumulator << 5) | data[i];
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      ++program_bytes;
    }
  }
  if (bits >= 5 || (accumulator & ((1u << bits) - 1)) != 0) return false;
  if (program_bytes < 2 || program_bytes > 40) return false;
  if (witness_version == 0) return residue == 1 && (program_bytes == 20 || program_bytes == 32);
  return residue == 0x2bc830a3;
}

}  // namespace

void find_crypto(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_ascii_alnum(doc.at(i))) continue;
    const char32_t prev = doc.before(i);
    std::size_t e = i;
    while (e < n && is_ascii_alnum(doc.at(e))) ++e;
    const bool bounded = !is_alnum(prev) && prev != U'_' && !is_alnum(doc.at(e)) && doc.at(e) != U'_';
    const std::size_t len = e - i;
    if (bounded && len >= 25 && len <= 74) {
      const std::u32string token = doc.text().substr(i, len);
      const char32_t c0 = token[0];
      if ((c0 == U'1' || c0 == U'3') && base58check_address(token)) {
        out.push_back(Hit{Kind::kCrypto, i, e, kValidatedScore});
      } else if (len >= 14 && (token.compare(0, 3, U"bc1") == 0 || token.compare(0, 3, U"BC1") == 0) &&
                 bech32_address(token)) {
        out.push_back(Hit{Kind::kCrypto, i, e, kValidatedScore});
      } else if (len == 42 && c0 == U'0' && (token[1] == U'x' || token[1] == U'X')) {
        bool hex = true;
        for (std::size_t k = 2; k < len; ++k) hex &= is_hex(token[k]);
        if (hex) out.push_back(Hit{Kind::kCrypto, i, e, kEthereumScore});
      }
    }
    i = e;
  }
}

}  // namespace inv::detectors::pii
