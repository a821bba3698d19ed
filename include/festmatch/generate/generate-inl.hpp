// festmatch — the definitions of festmatch/generate/generate.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/generate/generate.hpp"
#include "festmatch/util/detail/iso_time.hpp"
#include "festmatch/util/detail/pair_key.hpp"
#include "festmatch/util/detail/random.hpp"

namespace festmatch {

FESTMATCH_FUNC GeneratorOptions preset_options(Preset preset) {
  GeneratorOptions o;
  switch (preset) {
    case Preset::techfest:
      break;
    case Preset::websummit:
      o.name = "Web Summit (generated)";
      o.timezone = "Europe/Lisbon";
      o.first_day = "2017-11-07";
      o.utc_offset_minutes = 0;
      o.startups = 2000;
      o.investors = 1500;
      o.days = 3;
      o.slots_per_day = 24;
      o.tables = 300;
      o.slot_minutes = 20;
      o.countries = {{"PT", 10}, {"IE", 8}, {"GB", 14}, {"US", 16}, {"DE", 9},
                     {"FR", 8},  {"NL", 6}, {"SE", 4},  {"FI", 3},  {"EE", 2},
                     {"IL", 5},  {"KR", 3}, {"SG", 3},  {"CN", 4},  {"VN", 2}};
      o.sectors.push_back({"mobility", 6});
      o.sectors.push_back({"gaming", 4});
      o.pinned = 30;
      break;
    case Preset::slush:
      o.name = "Slush (generated)";
      o.timezone = "Europe/Helsinki";
      o.first_day = "2024-11-20";
      o.utc_offset_minutes = 2 * 60;
      o.startups = 5500;
      o.investors = 3300;
      o.days = 2;
      o.slots_per_day = 27;
      o.tables = 500;
      o.slot_minutes = 20;
      o.countries = {{"FI", 26}, {"SE", 10}, {"EE", 6}, {"DE", 8}, {"US", 12},
                     {"GB", 9},  {"FR", 5},  {"NL", 5}, {"IL", 3}, {"KR", 3},
                     {"SG", 3},  {"CN", 3},  {"VN", 2}, {"PT", 2}, {"IE", 2}};
      o.sectors.push_back({"mobility", 6});
      o.sectors.push_back({"gaming", 5});
      o.pinned = 60;
      break;
  }
  return o;
}

FESTMATCH_FUNC std::string_view preset_name(Preset preset) {
  switch (preset) {
    case Preset::techfest:
      return "techfest";
    case Preset::websummit:
      return "websummit";
    case Preset::slush:
      return "slush";
  }
  return "techfest";
}

FESTMATCH_FUNC std::optional<Preset> parse_preset(std::string_view name) {
  for (Preset p : {Preset::techfest, Preset::websummit, Preset::slush}) {
    if (preset_name(p) == name) return p;
  }
  return std::nullopt;
}

namespace detail::generate {

// xoshiro256** seeded by splitmix64; `stream` selects an independent sequence for one aspect.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) {
    SplitMix64 seeder(seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1)));
    for (auto& s : s_) s = seeder.next();
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n), n > 0 (modulo bias below 2^-40 for the sizes used here).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1) with 53 random bits: exact, so comparisons are the same everywhere.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  template <class T>
  void shuffle(std::vector<T>& items) {  // Fisher–Yates
    for (std::size_t k = items.size(); k > 1; --k) std::swap(items[k - 1], items[below(k)]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Draws indices with probability proportional to integer weights.
class WeightedPicker {
 public:
  WeightedPicker() = default;
  explicit WeightedPicker(const std::vector<std::uint64_t>& weights) {
    cumulative_.reserve(weights.size());
    std::uint64_t total = 0;
    for (auto w : weights) cumulative_.push_back(total += w);
  }
  std::size_t operator()(Rng& rng) const {
    const std::uint64_t r = rng.below(cumulative_.back());
    return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                                    cumulative_.begin());
  }
  [[nodiscard]] std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<std::uint64_t> cumulative_;
};

inline WeightedPicker picker_of(std::initializer_list<int> weights) {
  std::vector<std::uint64_t> w;
  for (int x : weights) w.push_back(static_cast<std::uint64_t>(x));
  return WeightedPicker(w);
}

struct CountryInfo {
  const char* code;
  std::vector<const char*> languages;  // native languages, most spoken first
  double english;                      // share who also speak English (1 when native)
  std::vector<const char*> words;      // for startup and fund names
  std::vector<const char*> given;
  std::vector<const char*> family;
  bool family_first;
};

inline const std::vector<CountryInfo>& countries() {
  static const std::vector<CountryInfo> all = {
      {"VN",
       {"vi"},
       0.7,
       {"Cảng Xanh", "Nông Nghiệp Số", "Hải Đăng",  "Sen Vàng",   "Mê Kông",
        "Lúa Việt",  "Biển Đông",      "Bạch Đằng", "Đồ Sơn",     "Cát Bà",
        "Phố Hiến",  "Hoa Phượng",     "An Phú",    "Minh Khang", "Trí Tuệ Việt",
        "Sao Mai",   "Rồng Vàng",      "Bến Nghé",  "Hạ Long",    "Thủy Nguyên"},
       {"Thị Lan", "Văn Minh", "Quốc Huy", "Thu Hà", "Đức Anh", "Minh Châu", "Hải Yến",
        "Thanh Tùng", "Ngọc Ánh", "Hoàng Nam"},
       {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"},
       true},
      {"KR",
       {"ko"},
       0.8,
       {"Hanbit", "Saebom", "Dasan", "Mirae", "Haneul", "Bada", "Nuri", "Arirang", "Daon", "Gaon",
        "Byeol", "KiKai"},
       {"Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-bin"},
       {"Kim", "Lee", "Park", "Choi", "Jung", "Kang"},
       true},
      {"IL",
       {"he"},
       0.95,
       {"Tzur", "Negev", "Carmel", "Galil", "Kinneret", "Arava", "Yarden", "Shamir", "Ofek"},
       {"Noa", "Yael", "Eitan", "Avi", "Tamar", "Oren"},
       {"Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman"},
       false},
      {"NL",
       {"nl"},
       0.95,
       {"Maasvlakte", "Polder", "Tulp", "Zeeland", "Wadden", "Molen", "Gracht", "Oranje"},
       {"Sanne", "Daan", "Lotte", "Bram", "Femke", "Joost"},
       {"de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit"},
       false},
      {"SG",
       {"en", "zh"},
       1.0,
       {"Merlion", "Lion City", "Sentosa", "Jurong", "Changi", "Orchid", "Straits"},
       {"Wei Ling", "Jun Jie", "Priya", "Marcus", "Hui Min", "Arjun"},
       {"Tan", "Lim", "Ng", "Wong", "Raj", "Goh"},
       false},
      {"CN",
       {"zh"},
       0.6,
       {"Lianhe", "Xinghe", "Longteng", "Tianlu", "Huaxin", "Jinqiao", "Haibin", "Yunfeng"},
       {"Wei", "Fang", "Jing", "Lei", "Xiaoming", "Yan"},
       {"Wang", "Li", "Zhang", "Liu", "Chen", "Zhao"},
       true},
      {"FI",
       {"fi", "sv"},
       0.95,
       {"Revontuli", "Sisu", "Tunturi", "Kuura", "Lumi", "Saimaa", "Kide", "Routa", "Aalto"},
       {"Aino", "Eero", "Mikko", "Laura", "Juha", "Venla"},
       {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine"},
       false},
      {"SE",
       {"sv"},
       0.97,
       {"Norrsken", "Fjäll", "Skärgård", "Björk", "Vinter", "Älv"},
       {"Elsa", "Oskar", "Maja", "Lars", "Ingrid"},
       {"Andersson", "Johansson", "Lindqvist", "Berg", "Nilsson"},
       false},
      {"DE",
       {"de"},
       0.85,
       {"Rhein", "Alpen", "Nordwerk", "Hafenstadt", "Brücke", "Spree"},
       {"Lena", "Jonas", "Katrin", "Felix", "Jürgen"},
       {"Müller", "Schmidt", "Schneider", "Weber", "Becker"},
       false},
      {"US",
       {"en"},
       1.0,
       {"Redwood", "Liberty", "Cascade", "Summit", "Prairie", "Hudson"},
       {"Emily", "Michael", "Olivia", "David", "Grace"},
       {"Smith", "Johnson", "Garcia", "Miller", "Brown"},
       false},
      {"GB",
       {"en"},
       1.0,
       {"Thames", "Pennine", "Albion", "Kestrel", "Cotswold"},
       {"Oliver", "Amelia", "Harry", "Isla", "George"},
       {"Taylor", "Evans", "Wright", "Hughes", "Clarke"},
       false},
      {"FR",
       {"fr"},
       0.8,
       {"Lumière", "Rivage", "Mistral", "Étoile", "Garonne"},
       {"Camille", "Louis", "Chloé", "Hugo", "Léa"},
       {"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"},
       false},
      {"EE",
       {"et"},
       0.9,
       {"Kalev", "Läänemere", "Vikerkaar", "Toompea", "Saaremaa"},
       {"Kadri", "Mart", "Liis", "Tõnu", "Kristjan"},
       {"Tamm", "Saar", "Sepp", "Mägi", "Kask"},
       false},
      {"PT",
       {"pt"},
       0.85,
       {"Atlântico", "Tejo", "Douro", "Caravela", "Alfama"},
       {"Inês", "João", "Beatriz", "Tiago", "Mariana"},
       {"Silva", "Santos", "Ferreira", "Costa", "Oliveira"},
       false},
      {"IE",
       {"en", "ga"},
       1.0,
       {"Liffey", "Emerald", "Shannon", "Clover", "Connemara"},
       {"Aoife", "Seán", "Niamh", "Ciarán", "Róisín"},
       {"Murphy", "Kelly", "O'Brien", "Byrne", "Walsh"},
       false},
  };
  return all;
}

inline const CountryInfo& country_info(const std::string& code) {
  for (const auto& c : countries()) {
    if (code == c.code) return c;
  }
  static const CountryInfo fallback = {"",
                                       {"en"},
                                       1.0,
                                       {"Nova", "Orbit", "Vertex", "Meridian"},
                                       {"Alex", "Sam", "Robin"},
                                       {"Lee", "Morgan"},
                                       false};
  return fallback;
}

// Name endings by sector, for startups.
inline const char* sector_word(const std::string& sector, Rng& rng) {
  struct Entry {
    const char* sector;
    std::vector<const char*> words;
  };
  static const std::vector<Entry> table = {
      {"digital technology", {"Digital", "Tech", "Soft", "Cloud"}},
      {"agriculture", {"Agritech", "Farms", "Harvest", "Seeds"}},
      {"automation", {"Robotics", "Automation", "Factory", "Machines"}},
      {"tourism", {"Travel", "Tours", "Trips", "Stay"}},
      {"food and cuisine", {"Foods", "Kitchen", "Taste", "Tea"}},
      {"logistics", {"Logistics", "Freight", "Cargo", "Express"}},
      {"seaports", {"Port Systems", "Marine", "Harbour", "Shipping"}},
      {"fintech", {"Pay", "Finance", "Wallet", "Credit"}},
      {"healthtech", {"Health", "Care", "Med", "Clinic"}},
      {"edtech", {"Learn", "Academy", "Edu", "Classroom"}},
      {"cleantech", {"Energy", "Solar", "Green", "Water"}},
      {"AI", {"AI", "Labs", "Vision", "Analytics"}},
      {"mobility", {"Mobility", "Rides", "Motion"}},
      {"gaming", {"Games", "Play", "Studio"}},
  };
  for (const auto& e : table) {
    if (sector == e.sector) return rng.pick(e.words);
  }
  static const std::vector<const char*> generic = {"Labs", "Tech", "Works"};
  return rng.pick(generic);
}

inline const std::vector<std::pair<std::pair<const char*, const char*>, double>>& related_table() {
  static const std::vector<std::pair<std::pair<const char*, const char*>, double>> all = {
      {{"logistics", "seaports"}, 0.8},
      {{"agriculture", "food and cuisine"}, 0.6},
      {{"tourism", "food and cuisine"}, 0.4},
      {{"automation", "AI"}, 0.6},
      {{"digital technology", "AI"}, 0.5},
      {{"digital technology", "fintech"}, 0.3},
      {{"automation", "logistics"}, 0.4},
      {{"agriculture", "cleantech"}, 0.3},
      {{"healthtech", "AI"}, 0.3},
      {{"edtech", "digital technology"}, 0.3},
      {{"tourism", "digital technology"}, 0.2},
      {{"mobility", "logistics"}, 0.5},
      {{"mobility", "cleantech"}, 0.4},
      {{"gaming", "digital technology"}, 0.4},
  };
  return all;
}

// Asks by stage, in units of 10,000 (so every amount is an exact integer).
inline std::pair<int, int> ask_range(std::size_t stage) {
  static const std::pair<int, int> ranges[] = {{2, 10},     {10, 50},     {50, 200},
                                               {200, 1000}, {1000, 4000}, {3000, 10000}};
  return ranges[std::min<std::size_t>(stage, 5)];
}

inline std::string two(int v) {  // 0 <= v < 100
  return {char('0' + v / 10 % 10), char('0' + v % 10)};
}

inline std::string padded_id(char prefix, int k, int count) {
  int width = 1;
  for (int n = count; n >= 10; n /= 10) ++width;
  std::string digits = std::to_string(k);
  return std::string(1, prefix) +
         std::string(static_cast<std::size_t>(std::max(0, width - int(digits.size()))), '0') +
         digits;
}

inline void check_options(const GeneratorOptions& o) {
  std::vector<Diagnostic> problems;
  auto fail = [&](const std::string& m) {
    problems.push_back({.file = "generator options", .message = m});
  };
  auto at_least = [&](const char* name, int value, int min) {
    if (value < min) {
      fail(std::string("'") + name + "' must be at least " + std::to_string(min) + ", not " +
           std::to_string(value));
    }
  };
  at_least("startups", o.startups, 1);
  at_least("investors", o.investors, 1);
  at_least("days", o.days, 1);
  at_least("slots_per_day", o.slots_per_day, 1);
  at_least("tables", o.tables, 1);
  at_least("slot_minutes", o.slot_minutes, 5);
  at_least("day_start_minutes", o.day_start_minutes, 0);
  at_least("lunch_minutes", o.lunch_minutes, 0);
  at_least("pinned", o.pinned, 0);
  if (o.day_start_minutes + o.slots_per_day * o.slot_minutes + o.lunch_minutes > 24 * 60) {
    fail(
        "the day does not fit in 24 hours: 'day_start_minutes' + 'slots_per_day' x "
        "'slot_minutes' + 'lunch_minutes' must be at most 1440");
  }
  if (o.utc_offset_minutes < -14 * 60 || o.utc_offset_minutes > 14 * 60) {
    fail("'utc_offset_minutes' must be within -840..840, not " +
         std::to_string(o.utc_offset_minutes));
  }
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (o.first_day.size() != 10 ||
      std::sscanf(o.first_day.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    fail("'first_day' must be a date YYYY-MM-DD, not '" + o.first_day + "'");
  }
  for (auto [name, rate] :
       {std::pair<const char*, double>{"partial_availability_rate", o.partial_availability_rate},
        {"online_rate", o.online_rate},
        {"both_modes_rate", o.both_modes_rate},
        {"mutual_rate", o.mutual_rate},
        {"must_rate", o.must_rate},
        {"fixed_table_rate", o.fixed_table_rate},
        {"reduced_tables_rate", o.reduced_tables_rate},
        {"blocked_rate", o.blocked_rate}}) {
    if (!(rate >= 0.0 && rate <= 1.0)) fail(std::string("'") + name + "' must be within 0..1");
  }
  if (!(o.online_rate + o.both_modes_rate <= 1.0)) {
    fail("'online_rate' + 'both_modes_rate' must be at most 1");
  }
  for (auto [name, mean] :
       {std::pair<const char*, double>{"requests_per_startup", o.requests_per_startup},
        {"requests_per_investor", o.requests_per_investor}}) {
    if (!(mean >= 0.0 && mean <= 1000.0)) {
      fail(std::string("'") + name + "' must be within 0..1000");
    }
  }
  auto check_list = [&](const char* name, const std::vector<WeightedName>& list) {
    if (list.empty()) fail(std::string("'") + name + "' must not be empty");
    std::unordered_set<std::string> seen;
    for (const auto& w : list) {
      if (w.weight < 1)
        fail(std::string("'") + name + "': weight of '" + w.name + "' must be >= 1");
      if (!seen.insert(w.name).second) fail(std::string("'") + name + "': '" + w.name + "' twice");
    }
  };
  check_list("countries", o.countries);
  check_list("sectors", o.sectors);
  if (!problems.empty()) throw InputError(std::move(problems));
}

inline bool languages_compatible(const std::vector<std::string>& a,
                                 const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x == y) return true;
    }
  }
  return false;
}

// The shared parts of a participant.
struct Person {
  std::string country;
  std::vector<std::string> languages;
  Availability availability;
  Mode mode = Mode::in_person;
};

class Generator {
 public:
  Generator(const GeneratorOptions& o, std::uint64_t seed) : o_(o), seed_(seed) {}

  Event run() {
    check_options(o_);
    event_.name = o_.name;
    event_.timezone = o_.timezone;
    taxonomy();
    slots();
    startups();
    investors();
    fixed_tables();
    blocked();
    requests();
    pins();
    event_.options.one_per_organisation = o_.one_per_organisation;
    event_.reindex();
    return std::move(event_);
  }

 private:
  Rng rng(std::uint64_t stream) const { return Rng(seed_, stream); }

  void taxonomy() {
    std::vector<std::uint64_t> w;
    for (const auto& s : o_.sectors) {
      event_.sectors.push_back(s.name);
      w.push_back(static_cast<std::uint64_t>(s.weight));
    }
    sector_picker_ = WeightedPicker(w);
    auto index_of = [&](const char* name) -> std::optional<Index> {
      for (std::size_t k = 0; k < event_.sectors.size(); ++k) {
        if (event_.sectors[k] == name) return Index(k);
      }
      return std::nullopt;
    };
    for (const auto& [pair, affinity] : related_table()) {
      auto a = index_of(pair.first), b = index_of(pair.second);
      if (a && b) event_.related_sectors.push_back({*a, *b, affinity});
    }
    std::vector<std::uint64_t> cw;
    for (const auto& c : o_.countries) cw.push_back(static_cast<std::uint64_t>(c.weight));
    country_picker_ = WeightedPicker(cw);
    for (int t = 1; t <= o_.tables; ++t) event_.tables.push_back("T" + std::to_string(t));
  }

  void slots() {
    Rng r = rng(1);
    int y = 0, m = 0, d = 0;
    std::sscanf(o_.first_day.c_str(), "%4d-%2d-%2d", &y, &m, &d);
    const std::int64_t first = days_from_civil(y, m, d);
    const int off = o_.utc_offset_minutes;
    const std::string offset =
        std::string(off < 0 ? "-" : "+") + two(std::abs(off) / 60) + ":" + two(std::abs(off) % 60);
    morning_ = (o_.slots_per_day + 1) / 2;
    const int reduced_min = std::max(1, (o_.tables * 6 + 9) / 10);
    for (int day = 0; day < o_.days; ++day) {
      int yy = 0, mm = 0, dd = 0;
      civil_from_days(first + day, yy, mm, dd);
      const std::string date = std::to_string(yy) + "-" + two(mm) + "-" + two(dd);
      for (int k = 0; k < o_.slots_per_day; ++k) {
        const int minute =
            o_.day_start_minutes + k * o_.slot_minutes + (k >= morning_ ? o_.lunch_minutes : 0);
        const std::string hhmm = two(minute / 60) + two(minute % 60);
        Slot s;
        s.id = "d" + std::to_string(day + 1) + "-" + hhmm;
        s.start = date + "T" + two(minute / 60) + ":" + two(minute % 60) + offset;
        s.minutes = o_.slot_minutes;
        s.utc_offset_minutes = off;
        s.start_utc = (first + day) * 86400 + std::int64_t(minute - off) * 60;
        if (o_.tables - 1 >= reduced_min && r.chance(o_.reduced_tables_rate)) {
          s.tables = r.between(reduced_min, o_.tables - 1);
        }
        event_.slots.push_back(std::move(s));
      }
    }
  }

  // Country (`country`, or drawn when empty), languages, mode and availability of one
  // participant.
  Person person(Rng& r, const std::string& country = {}) {
    Person p;
    p.country = country.empty() ? o_.countries[country_picker_(r)].name : country;
    const CountryInfo& info = country_info(p.country);
    if (!r.chance(0.03)) {  // a few leave languages blank
      p.languages.push_back(info.languages[0]);
      for (std::size_t k = 1; k < info.languages.size(); ++k) {
        if (r.chance(0.4)) p.languages.push_back(info.languages[k]);
      }
      const bool has_en =
          std::find(p.languages.begin(), p.languages.end(), "en") != p.languages.end();
      if (!has_en && r.chance(info.english)) p.languages.push_back("en");
    }
    const double u = r.unit();
    p.mode = u < o_.online_rate                        ? Mode::online
             : u < o_.online_rate + o_.both_modes_rate ? Mode::both
                                                       : Mode::in_person;
    if (r.chance(o_.partial_availability_rate)) p.availability = partial(r);
    return p;
  }

  Availability partial(Rng& r) {
    const int days = o_.days, per = o_.slots_per_day;
    auto slot_of = [per](int day, int k) { return Index(day * per + k); };
    Availability a;
    const int kind = r.between(0, 2);
    if (kind == 0 && days > 1) {  // only some days
      std::vector<int> order(static_cast<std::size_t>(days));
      for (int k = 0; k < days; ++k) order[static_cast<std::size_t>(k)] = k;
      r.shuffle(order);
      order.resize(static_cast<std::size_t>(r.between(1, days - 1)));
      std::sort(order.begin(), order.end());
      a.kind = Availability::Kind::available;
      for (int day : order) {
        for (int k = 0; k < per; ++k) a.slots.push_back(slot_of(day, k));
      }
    } else if (kind <= 1 && per > 1) {  // misses a half day
      const int day = r.between(0, days - 1);
      const bool morning = r.chance(0.5);
      a.kind = Availability::Kind::unavailable;
      for (int k = morning ? 0 : morning_; k < (morning ? morning_ : per); ++k) {
        a.slots.push_back(slot_of(day, k));
      }
    } else {  // misses a few slots
      const int total = days * per;
      const int n = std::min(total - 1, r.between(1, 3));
      std::vector<Index> missed;
      while (int(missed.size()) < n) {
        const Index s = Index(r.below(std::uint64_t(total)));
        if (std::find(missed.begin(), missed.end(), s) == missed.end()) missed.push_back(s);
      }
      std::sort(missed.begin(), missed.end());
      if (!missed.empty()) {
        a.kind = Availability::Kind::unavailable;
        a.slots = std::move(missed);
      }
    }
    return a;
  }

  std::vector<Weighted> sector_set(Rng& r, int count) {
    std::vector<Weighted> out;
    static const double extra[] = {1.0, 0.8, 0.5, 0.3};
    count = std::min<int>(count, int(event_.sectors.size()));
    for (int guard = 0; int(out.size()) < count && guard < 100; ++guard) {
      const Index s = Index(sector_picker_(r));
      bool seen = false;
      for (const auto& w : out) seen = seen || w.index == s;
      if (seen) continue;
      out.push_back({s, out.empty() ? 1.0 : extra[r.below(4)]});
    }
    return out;
  }

  void startups() {
    Rng r = rng(2);
    const auto counts = picker_of({50, 35, 15});
    const auto stage_picker = picker_of({10, 25, 35, 20, 7, 3});
    const int n = o_.startups;
    event_.startups.reserve(static_cast<std::size_t>(n));
    for (int k = 1; k <= n; ++k) {
      Person p = person(r);
      Startup s;
      s.id = padded_id('s', k, n);
      s.sectors = sector_set(r, int(counts(r)) + 1);
      s.stage = Index(stage_picker(r));
      if (!r.chance(0.08)) {
        const auto [lo, hi] = ask_range(static_cast<std::size_t>(s.stage));
        s.ask = 10000.0 * r.between(lo, hi);
      }
      s.max_meetings = r.chance(0.9) ? r.between(4, 10) : r.between(2, 3);
      s.name = startup_name(r, p.country, event_.sectors[std::size_t(s.sectors[0].index)]);
      s.country = std::move(p.country);
      s.languages = std::move(p.languages);
      s.availability = std::move(p.availability);
      s.mode = p.mode;
      event_.startups.push_back(std::move(s));
    }
  }

  std::string startup_name(Rng& r, const std::string& country, const std::string& sector) {
    const CountryInfo& info = country_info(country);
    std::string name = std::string(r.pick(info.words)) + " " + sector_word(sector, r);
    if (country == "VN" && r.chance(0.3)) return "Công ty Cổ phần " + name;
    if (country == "KR" && r.chance(0.3)) return name + " Co., Ltd.";
    if (country == "CN" && r.chance(0.3)) return name + " Technology Co.";
    return name;
  }

  std::string person_name(Rng& r, const std::string& country) {
    const CountryInfo& info = country_info(country);
    const std::string given = r.pick(info.given), family = r.pick(info.family);
    return info.family_first ? family + " " + given : given + " " + family;
  }

  void investors() {
    Rng r = rng(3);
    const int n = o_.investors;
    const auto sizes = picker_of({40, 30, 20, 10});  // fund sizes 2..5
    const auto focus = picker_of({30, 35, 25, 10});  // 1..4 sectors
    const auto centre = picker_of({5, 20, 35, 25, 10, 5});
    static const std::vector<const char*> fund_words = {"Ventures", "Capital", "Partners", "Fund",
                                                        "Investments"};
    event_.investors.reserve(static_cast<std::size_t>(n));
    std::unordered_set<std::string> organisations;
    int k = 0;
    while (k < n) {
      // One organisation (a fund with several partners) or a solo investor.
      const bool solo = r.chance(0.4);
      const int size = solo ? 1 : std::min(n - k, int(sizes(r)) + 2);
      const std::string home = o_.countries[country_picker_(r)].name;
      std::string organisation;
      if (!solo || r.chance(0.5)) {
        const CountryInfo& info = country_info(home);
        organisation = std::string(r.pick(info.words)) + " " + r.pick(fund_words);
        if (home == "VN" && r.chance(0.4)) organisation = "Quỹ Đầu tư " + organisation;
        // Two funds never share a name (that would merge them under the organisation rule).
        const std::string base = organisation;
        for (int n = 2; !organisations.insert(organisation).second; ++n) {
          organisation = base + " " + std::to_string(n);
        }
      }
      for (int m = 0; m < size; ++m, ++k) {
        // Partners mostly live where the fund is.
        Person p = person(r, r.chance(0.8) ? home : std::string());
        Investor inv;
        inv.id = padded_id('i', k + 1, n);
        inv.name = person_name(r, p.country);
        inv.organisation = organisation;
        inv.sectors = sector_set(r, int(focus(r)) + 1);
        std::size_t lo = 0, hi = 5;
        if (!r.chance(0.15)) {
          const std::size_t c = centre(r);
          lo = c;
          hi = c;
          inv.stages.push_back({Index(c), 1.0});
          if (c > 0 && r.chance(0.7)) inv.stages.push_back({Index(--lo), 0.5});
          if (c < 5 && r.chance(0.7)) inv.stages.push_back({Index(++hi), 0.5});
          std::sort(inv.stages.begin(), inv.stages.end(),
                    [](const Weighted& a, const Weighted& b) { return a.index < b.index; });
        }
        if (!r.chance(0.2)) {
          inv.ticket = Ticket{10000.0 * ask_range(lo).first, 10000.0 * ask_range(hi).second};
        }
        if (r.chance(0.3)) {
          inv.countries.push_back(home);
          const int extra = r.between(0, 2);
          for (int e = 0; e < extra; ++e) {
            const std::string c = o_.countries[country_picker_(r)].name;
            if (std::find(inv.countries.begin(), inv.countries.end(), c) == inv.countries.end()) {
              inv.countries.push_back(c);
            }
          }
        }
        inv.max_meetings = r.chance(0.85) ? r.between(8, 16) : r.between(4, 7);
        inv.languages = std::move(p.languages);
        inv.availability = std::move(p.availability);
        inv.mode = p.mode;
        event_.investors.push_back(std::move(inv));
      }
    }
  }

  // A few in-person investors get one of the first tables, each their own, so no two share
  // a table; reduced slots keep at least 60 % of the tables, so these always exist.
  void fixed_tables() {
    Rng r = rng(4);
    int in_person = 0;
    for (const auto& inv : event_.investors) in_person += inv.mode == Mode::in_person;
    const int max_fixed = o_.tables / 5;
    int want = std::min(max_fixed, static_cast<int>(std::lround(o_.fixed_table_rate * in_person)));
    if (want == 0 && o_.fixed_table_rate > 0 && max_fixed > 0 && in_person > 0) want = 1;
    std::vector<Index> order;
    for (std::size_t k = 0; k < event_.investors.size(); ++k) {
      if (event_.investors[k].mode == Mode::in_person) order.push_back(Index(k));
    }
    r.shuffle(order);
    for (int t = 0; t < want; ++t) {
      event_.investors[std::size_t(order[std::size_t(t)])].table = Index(t);
    }
  }

  [[nodiscard]] bool shares_sector(const Startup& s, const Investor& inv) const {
    for (const auto& a : s.sectors) {
      for (const auto& b : inv.sectors) {
        if (a.index == b.index) return true;
      }
    }
    return false;
  }

  [[nodiscard]] bool compatible(const Startup& s, const Investor& inv) const {
    return languages_compatible(s.languages, inv.languages) && modes_can_meet(s.mode, inv.mode);
  }

  void blocked() {
    Rng r = rng(5);
    static const std::vector<const char*> reasons = {
        "conflict of interest: the fund is an existing shareholder",
        "competitor of a portfolio company",
        "the investor declined",
        "the startup declined",
        "family relationship with a founder",
    };
    const int n = std::max(o_.blocked_rate > 0 ? 1 : 0,
                           static_cast<int>(std::lround(o_.blocked_rate * o_.startups)));
    const std::uint64_t pairs = std::uint64_t(o_.startups) * std::uint64_t(o_.investors);
    for (int k = 0, guard = 0; k < n && std::uint64_t(k) < pairs && guard < 100 * n; ++guard) {
      const Index s = Index(r.below(std::uint64_t(o_.startups)));
      const Index i = Index(r.below(std::uint64_t(o_.investors)));
      if (!blocked_.insert(pair_key(s, i)).second) continue;
      event_.blocked.push_back({s, i, r.pick(reasons)});
      ++k;
    }
  }

  void add_request(Index s, Index i, Side by, Priority p) {
    const std::uint64_t key = pair_key(s, i) * 2 + (by == Side::investor);
    if (requested_.insert(key).second) event_.requests.push_back({s, i, by, p});
  }

  [[nodiscard]] bool has_request(Index s, Index i, Side by) const {
    return requested_.count(pair_key(s, i) * 2 + (by == Side::investor)) > 0;
  }

  // How many requests one participant makes: uniform on 0..2·mean, so the mean is `mean`.
  static int request_count(Rng& r, double mean) {
    const int top = static_cast<int>(std::lround(2.0 * mean));
    return top <= 0 ? 0 : r.between(0, top);
  }

  void requests() {
    Rng r = rng(6);
    const std::size_t n_inv = event_.investors.size();
    // Zipf-like popularity over a random ranking of the investors.
    std::vector<Index> rank(n_inv);
    for (std::size_t k = 0; k < n_inv; ++k) rank[k] = Index(k);
    r.shuffle(rank);
    std::vector<std::uint64_t> weight(n_inv);
    for (std::size_t k = 0; k < n_inv; ++k) weight[std::size_t(rank[k])] = 1000000 / (k + 2);
    const WeightedPicker popular(weight);

    for (std::size_t s = 0; s < event_.startups.size(); ++s) {
      const Startup& st = event_.startups[s];
      const int want = std::min<int>(request_count(r, o_.requests_per_startup), int(n_inv));
      for (int made = 0, guard = 0; made < want && guard < 20 * want + 20; ++guard) {
        const Index i = Index(popular(r));
        const Investor& inv = event_.investors[std::size_t(i)];
        if (blocked_.count(pair_key(Index(s), i)) || has_request(Index(s), i, Side::startup) ||
            !compatible(st, inv)) {
          continue;
        }
        if (!shares_sector(st, inv) && !r.chance(0.2)) continue;
        add_request(Index(s), i, Side::startup,
                    r.chance(o_.must_rate) ? Priority::must : Priority::want);
        ++made;
        if (r.chance(o_.mutual_rate)) {
          add_request(Index(s), i, Side::investor,
                      r.chance(o_.must_rate) ? Priority::must : Priority::want);
        }
      }
    }
    const std::uint64_t n_st = event_.startups.size();
    for (std::size_t i = 0; i < n_inv; ++i) {
      const Investor& inv = event_.investors[i];
      const int want = std::min<int>(request_count(r, o_.requests_per_investor), int(n_st));
      for (int made = 0, guard = 0; made < want && guard < 50 * want + 50; ++guard) {
        const Index s = Index(r.below(n_st));
        const Startup& st = event_.startups[std::size_t(s)];
        if (blocked_.count(pair_key(s, Index(i))) || has_request(s, Index(i), Side::investor) ||
            !compatible(st, inv) || !shares_sector(st, inv)) {
          continue;
        }
        add_request(s, Index(i), Side::investor,
                    r.chance(o_.must_rate) ? Priority::must : Priority::want);
        ++made;
      }
    }
  }

  // Valid pinned meetings on requested pairs (see the header comment for the rules).
  void pins() {
    Rng r = rng(7);
    if (o_.pinned == 0 || event_.requests.empty()) return;
    std::vector<std::size_t> order(event_.requests.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    r.shuffle(order);
    const std::size_t n_slots = event_.slots.size();
    std::vector<int> startup_pins(event_.startups.size()), investor_pins(event_.investors.size());
    std::vector<int> in_person(n_slots);
    std::unordered_set<std::uint64_t> busy_startup, busy_investor, pinned_pairs;
    std::unordered_set<std::string> startup_org;  // "startup|organisation"
    for (std::size_t k : order) {
      if (int(event_.pinned.size()) >= o_.pinned) break;
      const Request& q = event_.requests[k];
      const Startup& st = event_.startups[std::size_t(q.startup)];
      const Investor& inv = event_.investors[std::size_t(q.investor)];
      const std::uint64_t key = pair_key(q.startup, q.investor);
      if (pinned_pairs.count(key) || blocked_.count(key) || !compatible(st, inv)) continue;
      if (startup_pins[std::size_t(q.startup)] >= st.max_meetings.value_or(1 << 30) ||
          investor_pins[std::size_t(q.investor)] >= inv.max_meetings.value_or(1 << 30)) {
        continue;
      }
      const std::string org_key = std::to_string(q.startup) + "|" + inv.organisation;
      if (o_.one_per_organisation && !inv.organisation.empty() && startup_org.count(org_key)) {
        continue;
      }
      const bool online = st.mode == Mode::online || inv.mode == Mode::online;
      const std::size_t first = r.below(n_slots);
      for (std::size_t step = 0; step < n_slots; ++step) {
        const std::size_t slot = (first + step) % n_slots;
        const Index si = Index(slot);
        const std::uint64_t skey = std::uint64_t(q.startup) * n_slots + slot;
        const std::uint64_t ikey = std::uint64_t(q.investor) * n_slots + slot;
        if (!st.availability.allows(si) || !inv.availability.allows(si) ||
            busy_startup.count(skey) || busy_investor.count(ikey)) {
          continue;
        }
        if (!online && in_person[slot] >= event_.slot_tables(si)) continue;
        if (!online && inv.table && *inv.table >= event_.slot_tables(si)) continue;
        event_.pinned.push_back({q.startup, q.investor, si, std::nullopt});
        busy_startup.insert(skey);
        busy_investor.insert(ikey);
        pinned_pairs.insert(key);
        ++startup_pins[std::size_t(q.startup)];
        ++investor_pins[std::size_t(q.investor)];
        if (!online) ++in_person[slot];
        if (!inv.organisation.empty()) startup_org.insert(org_key);
        break;
      }
    }
  }

  GeneratorOptions o_;
  std::uint64_t seed_;
  Event event_;
  WeightedPicker sector_picker_, country_picker_;
  int morning_ = 1;
  std::unordered_set<std::uint64_t> blocked_, requested_;
};

}  // namespace detail::generate

FESTMATCH_FUNC Event generate_event(const GeneratorOptions& options, std::uint64_t seed) {
  return detail::generate::Generator(options, seed).run();
}

FESTMATCH_FUNC Event generate_event(Preset preset, std::uint64_t seed) {
  return generate_event(preset_options(preset), seed);
}

}  // namespace festmatch
