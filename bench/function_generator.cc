#include "bench/function_generator.h"

#include <algorithm>
#include <deque>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace xlsaot::bench {
namespace {

class Generator {
 public:
  Generator(int64_t node_count, uint64_t seed) : target_(node_count), rng_(seed) {}

  std::string Run() {
    text_ = "package generated\n\ntop fn generated(";
    for (int i = 0; i < kParamsPerWidth; ++i) {
      const std::string narrow = std::string("a").append(std::to_string(i));
      const std::string wide = std::string("b").append(std::to_string(i));
      if (i > 0) text_ += ", ";
      text_ += narrow;
      text_ += ": bits[32], ";
      text_ += wide;
      text_ += ": bits[64]";
      Define(32, narrow);
      Define(64, wide);
    }
    count_ = int64_t{2} * kParamsPerWidth;
    text_ += ") -> bits[64] {\n";
    // The fold of the unused values at the end costs about one node per
    // kFoldArity of them.
    while (count_ + FoldCost() < target_) Step();
    Fold();
    text_ += "}\n";
    return std::move(text_);
  }

 private:
  static constexpr int kParamsPerWidth = 4;
  static constexpr size_t kFoldArity = 8;
  static constexpr size_t kRecent = 8;

  struct Pool {
    std::vector<std::string> all;
    // Values no node uses yet: the set, and the order they were defined in
    // (which may still list values used since; they are skipped lazily).
    std::unordered_set<std::string> unused;
    std::deque<std::string> unused_order;
  };

  Pool& PoolOf(int width) { return width == 32 ? p32_ : p64_; }

  int64_t FoldCost() const {
    return static_cast<int64_t>((p32_.unused.size() + kFoldArity - 1) / kFoldArity +
                                (p64_.unused.size() + kFoldArity - 1) / kFoldArity) +
           3;
  }

  uint64_t Below(uint64_t n) { return rng_() % n; }
  int RandomWidth() { return Below(5) < 3 ? 32 : 64; }

  void Define(int width, const std::string& name) {
    Pool& pool = PoolOf(width);
    pool.all.push_back(name);
    pool.unused.insert(name);
    pool.unused_order.push_back(name);
  }

  // An operand of `width`: often the oldest value nobody uses yet (which
  // keeps the final fold small), mostly a recent value, sometimes any.
  std::string Pick(int width) {
    Pool& pool = PoolOf(width);
    std::string name;
    const uint64_t r = Below(10);
    while (!pool.unused_order.empty() && !pool.unused.contains(pool.unused_order.front()))
      pool.unused_order.pop_front();
    if (r < 3 && !pool.unused_order.empty()) {
      name = pool.unused_order.front();
    } else if (r < 8) {
      const size_t recent = std::min(pool.all.size(), kRecent);
      name = pool.all[pool.all.size() - 1 - Below(recent)];
    } else {
      name = pool.all[Below(pool.all.size())];
    }
    pool.unused.erase(name);
    return name;
  }

  // Emits one node; returns its name. A node of type bits[1] or a shift
  // amount is not entered into the pools: its user follows immediately.
  std::string Emit(const std::string& type, const std::string& expr) {
    std::string name = "n" + std::to_string(count_++);
    text_ += "  " + name + ": " + type + " = " + expr + "\n";
    return name;
  }
  static std::string Bits(int width) { return "bits[" + std::to_string(width) + "]"; }

  void Step() {
    const int w = RandomWidth();
    const std::string t = Bits(w);
    const uint64_t r = Below(100);
    if (r < 40) {
      static const char* kBinary[] = {"add", "sub", "xor", "and", "or"};
      const std::string op = kBinary[Below(5)];
      const std::string x = Pick(w), y = Pick(w);
      Define(w, Emit(t, op + "(" + x + ", " + y + ")"));
    } else if (r < 44) {
      Define(w, Emit(t, "not(" + Pick(w) + ")"));
    } else if (r < 54) {
      static const char* kShifts[] = {"shll", "shrl", "shra"};
      const std::string amount = Emit("bits[8]", "literal(value=" + std::to_string(1 + Below(w - 1)) + ")");
      Define(w, Emit(t, std::string(kShifts[Below(3)]) + "(" + Pick(w) + ", " + amount + ")"));
    } else if (r < 59) {
      // Shift by data: the amount may reach or exceed the width.
      const int amount_width = w == 32 ? 6 : 7;
      const std::string source = Pick(w);
      const std::string amount = Emit(Bits(amount_width), "bit_slice(" + source + ", start=" +
                                                              std::to_string(Below(w - amount_width)) +
                                                              ", width=" + std::to_string(amount_width) + ")");
      Define(w, Emit(t, std::string(Below(2) ? "shll(" : "shrl(") + Pick(w) + ", " + amount + ")"));
    } else if (r < 64) {
      // Rotate right by a constant: concat of the two halves.
      const std::string x = Pick(w);
      const int n = 1 + static_cast<int>(Below(w - 1));
      const std::string low = Emit(Bits(n), "bit_slice(" + x + ", start=0, width=" + std::to_string(n) + ")");
      const std::string high =
          Emit(Bits(w - n), "bit_slice(" + x + ", start=" + std::to_string(n) + ", width=" + std::to_string(w - n) + ")");
      Define(w, Emit(t, "concat(" + low + ", " + high + ")"));
    } else if (r < 70) {
      const std::string x = Pick(32), y = Pick(32);
      Define(64, Emit("bits[64]", "concat(" + x + ", " + y + ")"));
    } else if (r < 76) {
      Define(32, Emit("bits[32]", "bit_slice(" + Pick(64) + ", start=" + std::to_string(Below(33)) + ", width=32)"));
    } else if (r < 80) {
      Define(64, Emit("bits[64]", std::string(Below(2) ? "zero_ext(" : "sign_ext(") + Pick(32) +
                                      ", new_bit_count=64)"));
    } else if (r < 85) {
      const std::string x = Pick(w), y = Pick(w);
      Define(w, Emit(t, "umul(" + x + ", " + y + ")"));
    } else if (r < 93) {
      static const char* kCompares[] = {"eq", "ne", "ult", "ugt", "slt", "sge"};
      const std::string x = Pick(w), y = Pick(w);
      const std::string c = Emit("bits[1]", std::string(kCompares[Below(6)]) + "(" + x + ", " + y + ")");
      const std::string on_false = Pick(w), on_true = Pick(w);
      Define(w, Emit(t, "sel(" + c + ", cases=[" + on_false + ", " + on_true + "])"));
    } else {
      const std::string k = Emit(t, "literal(value=" + std::to_string(rng_() >> (w == 32 ? 32 : 0)) + ")");
      Define(w, Emit(t, std::string(Below(2) ? "add(" : "xor(") + Pick(w) + ", " + k + ")"));
    }
  }

  // XORs every value nobody used into the result, in groups of kFoldArity.
  std::string FoldPool(int width) {
    Pool& pool = PoolOf(width);
    std::vector<std::string> parts;
    for (const std::string& name : pool.unused_order)
      if (pool.unused.contains(name)) parts.push_back(name);
    pool.unused.clear();
    pool.unused_order.clear();
    while (parts.size() > 1) {
      std::vector<std::string> next;
      for (size_t i = 0; i < parts.size(); i += kFoldArity) {
        const size_t end = std::min(parts.size(), i + kFoldArity);
        if (end - i == 1) {
          next.push_back(parts[i]);
          continue;
        }
        std::string args;
        for (size_t j = i; j < end; ++j) args += (j > i ? ", " : "") + parts[j];
        next.push_back(Emit(Bits(width), "xor(" + args + ")"));
      }
      parts = std::move(next);
    }
    return parts.empty() ? PoolOf(width).all.back() : parts[0];
  }

  void Fold() {
    const std::string r32 = FoldPool(32);
    const std::string r64 = FoldPool(64);
    const std::string wide = Emit("bits[64]", "zero_ext(" + r32 + ", new_bit_count=64)");
    text_ += "  ret result: bits[64] = xor(" + wide + ", " + r64 + ")\n";
    ++count_;
  }

  int64_t target_;
  std::mt19937_64 rng_;
  std::string text_;
  int64_t count_ = 0;
  Pool p32_, p64_;
};

}  // namespace

std::string GenerateFunctionIr(int64_t node_count, uint64_t seed) { return Generator(node_count, seed).Run(); }

}  // namespace xlsaot::bench
