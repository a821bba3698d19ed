// festmatch — internals: a map from 64-bit keys (pair_key) to small values, for the rule checks
// that look up one key per pinned meeting or blocked pair.
//
// Problem: tens of thousands of lookups and inserts (a re-schedule pins every kept meeting),
// where std::unordered_map allocates a node per entry. Method: open addressing with linear
// probing in one power-of-two table kept at most half full (it doubles beyond that), keys mixed
// by MurmurHash3's 64-bit finaliser. emplace keeps the first value of a key, as
// std::unordered_map::emplace does. Expected O(1) per operation, no allocation per entry;
// O(entries) memory, sized up front from the expected count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace festmatch::detail {

template <class V>
class KeyMap {
 public:
  explicit KeyMap(std::size_t expected = 0) { reset(capacity_for(expected)); }

  // Stores (key, value) unless the key is there; returns the stored value of the key and
  // whether it was inserted now.
  std::pair<const V*, bool> emplace(std::uint64_t key, V value) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t at = find_slot(key);
    Slot& slot = slots_[at];
    if (slot.used) return {&slot.value, false};
    slot = {key, std::move(value), true};
    ++size_;
    return {&slot.value, true};
  }
  // The value of `key`, nullptr when absent.
  const V* find(std::uint64_t key) const {
    const Slot& slot = slots_[find_slot(key)];
    return slot.used ? &slot.value : nullptr;
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V value{};
    bool used = false;
  };
  static std::size_t capacity_for(std::size_t n) {
    std::size_t c = 16;
    while (c < 2 * n) c *= 2;
    return c;
  }
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
  }
  // The slot holding `key`, or the free slot where it would go.
  std::size_t find_slot(std::uint64_t key) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = std::size_t(mix(key)) & mask;
    while (slots_[at].used && slots_[at].key != key) at = (at + 1) & mask;
    return at;
  }
  void reset(std::size_t capacity) {
    slots_.assign(capacity, Slot{});
    size_ = 0;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    reset(old.size() * 2);
    for (Slot& s : old)
      if (s.used) {
        slots_[find_slot(s.key)] = std::move(s);
        ++size_;
      }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace festmatch::detail
