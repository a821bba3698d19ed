#!/usr/bin/env python3
"""Regenerates the Techfest Hai Phong 2023 example event folder beside this script.

The event is modelled on Techfest Hai Phong 2023 (18-21 September 2023, UTC+07:00): startups
and funds from Viet Nam, South Korea, Israel, the Netherlands, Singapore and China, the seed's
focus sectors, four days of investor connection sessions. Every name is invented. The folder
is what an organiser exports from a spreadsheet, so startups.csv and investors.csv carry a
UTF-8 byte order mark and CRLF line ends, as Excel writes them.

Run: python3 examples/techfest-haiphong/make_example.py   (deterministic; no arguments)
"""
import csv
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2023)

SECTORS = ["digital technology", "agriculture", "automation", "tourism", "food and cuisine",
           "logistics", "seaports", "fintech", "healthtech", "edtech", "cleantech", "AI"]
RELATED = [["logistics", "seaports", 0.8], ["agriculture", "food and cuisine", 0.6],
           ["tourism", "food and cuisine", 0.4], ["automation", "AI", 0.6],
           ["digital technology", "AI", 0.5], ["automation", "logistics", 0.4],
           ["agriculture", "cleantech", 0.3]]
TABLES = [f"A{k}" for k in range(1, 9)] + [f"B{k}" for k in range(1, 5)]

# Day 1 opens after the opening ceremony, day 4 closes at lunch; 30-minute meetings.
MORNING = ["0900", "0930", "1000", "1030", "1100"]
AFTERNOON = ["1400", "1430", "1500", "1530", "1600"]
DAYS = [("d1", "2023-09-18", AFTERNOON), ("d2", "2023-09-19", MORNING + AFTERNOON),
        ("d3", "2023-09-20", MORNING + AFTERNOON), ("d4", "2023-09-21", MORNING)]
SLOTS = []  # (id, start, minutes, tables)
for day, date, times in DAYS:
    for t in times:
        tables = "8" if day == "d4" else ""  # room B is packed away on the last morning
        SLOTS.append((f"{day}-{t}", f"{date}T{t[:2]}:{t[2:]}+07:00", 30, tables))
SLOT_IDS = [s[0] for s in SLOTS]

# (name, country, primary sectors) — invented companies.
STARTUPS = [
    ("Công ty Cổ phần Cảng Xanh Logistics", "VN", ["logistics", "seaports"]),
    ("Công ty TNHH Nông Sản Đồ Sơn, Chi nhánh Hải Phòng", "VN", ["agriculture", "food and cuisine"]),
    ("Bạch Đằng Robotics", "VN", ["automation", "AI"]),
    ("Hải Đăng Port Systems", "VN", ["seaports", "digital technology"]),
    ("Cát Bà Eco Tours", "VN", ["tourism"]),
    ("Bánh Đa Cua Foods", "VN", ["food and cuisine"]),
    ("Công ty Cổ phần Lúa Việt Agritech", "VN", ["agriculture", "AI"]),
    ("Phố Hiến Digital", "VN", ["digital technology", "edtech"]),
    ("Thủy Nguyên Freight", "VN", ["logistics"]),
    ("Sen Vàng Travel", "VN", ["tourism", "digital technology"]),
    ("Công ty Cổ phần Trí Tuệ Việt", "VN", ["AI", "digital technology"]),
    ("Hoa Phượng Pay", "VN", ["fintech"]),
    ("An Dương Smart Factory", "VN", ["automation"]),
    ("Minh Khang Health", "VN", ["healthtech"]),
    ("Biển Đông Marine Data", "VN", ["seaports", "AI"]),
    ("Công ty Cổ phần Chuỗi Lạnh Tiên Lãng", "VN", ["logistics", "agriculture"]),
    ("Hạ Long Bay Stays", "VN", ["tourism"]),
    ("Nước Mắm Cát Hải", "VN", ["food and cuisine"]),
    ("Kiến Thụy Solar", "VN", ["cleantech"]),
    ("Lạch Tray Learn", "VN", ["edtech"]),
    ("Cầu Rào Express", "VN", ["logistics", "digital technology"]),
    ("Công ty Cổ phần Tự Động Hóa Vĩnh Bảo", "VN", ["automation", "agriculture"]),
    ("Rồng Vàng Kitchen", "VN", ["food and cuisine", "tourism"]),
    ("Đình Vũ Container Tech", "VN", ["seaports", "logistics"]),
    ("Sao Mai Edu", "VN", ["edtech"]),
    ("Bến Bính Ferry Tickets", "VN", ["tourism", "fintech"]),
    ("Vườn Rau Số", "VN", ["agriculture", "digital technology"]),
    ("Công ty TNHH Thương Mại Điện Tử Kiến An", "VN", ["digital technology", "logistics"]),
    ("Hồng Bàng Clinic Cloud", "VN", ["healthtech", "digital technology"]),
    ("Tràng Kênh Water", "VN", ["cleantech", "agriculture"]),
    ("Ngô Quyền Textiles Automation", "VN", ["automation"]),
    ("Chè Thái Nguyên Online", "VN", ["food and cuisine", "digital technology"]),
    ("Cảng Cá Số", "VN", ["seaports", "food and cuisine"]),
    ("Vĩnh Niệm Drone Farming", "VN", ["agriculture", "automation"]),
    ("Công ty Cổ phần Du Lịch Thông Minh Đồ Sơn", "VN", ["tourism", "AI"]),
    ("Lê Chân Wallet", "VN", ["fintech"]),
    ("Quán Toan Warehouse Robotics", "VN", ["automation", "logistics"]),
    ("Cửa Cấm Boat Tracking", "VN", ["seaports", "digital technology"]),
    ("Hải An Green Energy", "VN", ["cleantech"]),
    ("Mầm Xanh Kids", "VN", ["edtech"]),
    ("KiKai Factory", "KR", ["automation", "AI"]),
    ("Hanbit Mobility Logistics", "KR", ["logistics"]),
    ("Saebom Agri Sensors", "KR", ["agriculture", "automation"]),
    ("Busan Smart Port Lab", "KR", ["seaports", "AI"]),
    ("Dasan Health AI", "KR", ["healthtech", "AI"]),
    ("Mirae EdTech Co., Ltd.", "KR", ["edtech"]),
    ("Haneul Pay", "KR", ["fintech"]),
    ("Gaon Kimchi Lab", "KR", ["food and cuisine"]),
    ("Nuri Travel Korea", "KR", ["tourism"]),
    ("Byeol Robotics", "KR", ["automation"]),
    ("Negev Irrigation Analytics", "IL", ["agriculture", "AI"]),
    ("Carmel Cyber Ports", "IL", ["seaports", "digital technology"]),
    ("Tzur Vision", "IL", ["AI", "automation"]),
    ("Arava Desert Farms", "IL", ["agriculture", "cleantech"]),
    ("Kinneret Health", "IL", ["healthtech"]),
    ("Ofek Fintech", "IL", ["fintech"]),
    ("Maasvlakte Twin", "NL", ["seaports", "digital technology"]),
    ("Polder Greenhouse Systems", "NL", ["agriculture", "automation"]),
    ("Zeeland Shipping Analytics", "NL", ["logistics", "AI"]),
    ("Tulp Foodtech", "NL", ["food and cuisine"]),
    ("Molen Energy", "NL", ["cleantech"]),
    ("Merlion Freight Cloud", "SG", ["logistics", "digital technology"]),
    ("Sentosa Trips", "SG", ["tourism", "digital technology"]),
    ("Jurong Port Robotics", "SG", ["seaports", "automation"]),
    ("Straits Pay", "SG", ["fintech"]),
    ("Orchid Health Labs", "SG", ["healthtech", "AI"]),
    ("Changi Cold Chain", "SG", ["logistics", "food and cuisine"]),
    ("Lianhe Smart Farming Technology Co.", "CN", ["agriculture", "AI"]),
    ("Xinghe Automation", "CN", ["automation"]),
    ("Longteng Port Software", "CN", ["seaports", "digital technology"]),
    ("Tianlu Logistics Technology Co.", "CN", ["logistics"]),
    ("Huaxin Tea & Cuisine", "CN", ["food and cuisine", "tourism"]),
    ("Yunfeng Edu", "CN", ["edtech", "AI"]),
]

LANGS = {"VN": ("vi", 0.7), "KR": ("ko", 0.8), "IL": ("he", 0.95), "NL": ("nl", 0.95),
         "SG": ("en", 1.0), "CN": ("zh", 0.6)}
STAGES = ["idea", "pre-seed", "seed", "series-a", "series-b", "growth"]
ASK = {"idea": (20_000, 100_000), "pre-seed": (100_000, 500_000), "seed": (500_000, 2_000_000),
       "series-a": (2_000_000, 10_000_000), "series-b": (10_000_000, 40_000_000),
       "growth": (30_000_000, 100_000_000)}

# (organisation, country, [(investor name, sectors, stages, ticket, countries)]) — invented.
FUNDS = [
    ("Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng", "VN", [
        ("Nguyễn Thị Lan", ["logistics", "seaports"], ["seed", "series-a"], (200_000, 2_000_000), ["VN"]),
        ("Trần Quốc Huy", ["digital technology", "AI"], ["pre-seed", "seed"], (100_000, 1_000_000), ["VN"]),
        ("Phạm Thu Hà", ["agriculture", "food and cuisine"], ["seed"], (200_000, 1_500_000), []),
    ]),
    ("Lạch Tray Capital", "VN", [
        ("Lê Văn Minh", ["tourism", "food and cuisine"], ["pre-seed", "seed"], (50_000, 500_000), []),
        ("Đặng Minh Châu", ["fintech", "digital technology"], ["seed", "series-a"], (500_000, 3_000_000), []),
    ]),
    ("Sông Hồng Ventures", "VN", [
        ("Vũ Đức Anh", ["automation", "logistics"], ["series-a", "series-b"], (2_000_000, 15_000_000), []),
        ("Bùi Hải Yến", ["healthtech", "edtech"], ["seed", "series-a"], (300_000, 3_000_000), []),
    ]),
    ("Hanbit Partners", "KR", [
        ("Kim Min-jun", ["automation", "AI"], ["seed", "series-a"], (500_000, 5_000_000), ["KR", "VN"]),
        ("Park Seo-yeon", ["logistics", "seaports"], ["series-a"], (2_000_000, 8_000_000), []),
    ]),
    ("Busan Harbour Ventures", "KR", [
        ("Choi Ji-ho", ["seaports", "logistics", "automation"], ["seed", "series-a", "series-b"], (1_000_000, 20_000_000), []),
        ("Jung Ha-eun", ["food and cuisine", "tourism"], [], None, ["KR", "VN"]),
    ]),
    ("Carmel Seed Fund", "IL", [
        ("Noa Levi", ["agriculture", "cleantech", "AI"], ["pre-seed", "seed"], (100_000, 1_000_000), []),
        ("Eitan Mizrahi", ["digital technology", "fintech"], ["seed"], (500_000, 2_000_000), ["IL", "VN", "SG"]),
    ]),
    ("Zeeland Havenfonds", "NL", [
        ("Sanne de Vries", ["seaports", "logistics"], ["seed", "series-a"], (500_000, 5_000_000), []),
        ("Bram Visser", ["agriculture", "food and cuisine", "cleantech"], ["series-a"], (2_000_000, 6_000_000), []),
    ]),
    ("Tanjong Rhu Capital", "SG", [
        ("Tan Wei Ling", ["digital technology", "fintech", "AI"], ["seed", "series-a"], (500_000, 5_000_000), []),
        ("Marcus Goh", ["logistics", "seaports"], ["series-a", "series-b"], (3_000_000, 25_000_000), []),
        ("Priya Raj", ["healthtech", "edtech"], ["pre-seed", "seed"], (150_000, 1_500_000), ["SG", "VN"]),
    ]),
    ("Xinghe Harbour Fund", "CN", [
        ("Wang Fang", ["automation", "seaports"], ["series-a", "series-b"], (3_000_000, 30_000_000), []),
        ("Liu Lei", ["agriculture", "food and cuisine"], ["seed", "series-a"], (500_000, 5_000_000), ["CN", "VN"]),
    ]),
    ("", "VN", [("Hoàng Thanh Tùng", ["tourism", "digital technology"], ["idea", "pre-seed"], (20_000, 200_000), [])]),
    ("", "VN", [("Ngô Ngọc Ánh", ["food and cuisine", "agriculture"], ["pre-seed"], None, ["VN"])]),
    ("", "KR", [("Lee Do-yun", ["edtech", "AI"], [], (50_000, 500_000), [])]),
    ("", "NL", [("Femke Bakker", ["cleantech", "healthtech"], ["seed"], (250_000, 1_000_000), [])]),
]


def languages(country, r):
    native, english = LANGS[country]
    langs = [native]
    if country == "SG" and r.random() < 0.5:
        langs.append("zh")
    if native != "en" and r.random() < english:
        langs.append("en")
    return langs


def day_slots(*days):
    return [s for s in SLOT_IDS if s.split("-")[0] in days]


def weights(sectors):
    return ";".join(f"{s}:{1 if k == 0 else 0.5}" for k, s in enumerate(sectors))


startups = []
for k, (name, country, sectors) in enumerate(STARTUPS, start=1):
    stage = rng.choices(STAGES, weights=[10, 25, 35, 20, 7, 3])[0]
    lo, hi = ASK[stage]
    ask = "" if rng.random() < 0.1 else str(rng.randrange(lo // 10_000, hi // 10_000 + 1) * 10_000)
    available, unavailable = "", ""
    u = rng.random()
    if u < 0.12:
        available = ";".join(day_slots(*sorted(rng.sample(["d1", "d2", "d3", "d4"], 2))))
    elif u < 0.22:
        unavailable = ";".join(rng.sample(SLOT_IDS, 2))
    mode = ""
    if country in ("IL", "NL", "CN") and rng.random() < 0.3:
        mode = "online"
    elif rng.random() < 0.08:
        mode = "both"
    startups.append({
        "id": f"S{k:03d}", "name": name, "sectors": weights(sectors), "stage": stage, "ask": ask,
        "country": country, "languages": ";".join(languages(country, rng)),
        "max_meetings": "" if rng.random() < 0.15 else str(rng.randint(4, 8)),
        "min_meetings": "2" if k in (5, 17) else "", "available": available,
        "unavailable": unavailable, "mode": mode})

investors = []
for organisation, country, people in FUNDS:
    for name, sectors, stages, ticket, countries in people:
        k = len(investors) + 1
        mode = ""
        if country in ("IL", "NL") and rng.random() < 0.4:
            mode = "online"
        elif rng.random() < 0.15:
            mode = "both"
        available = ""
        if rng.random() < 0.2:
            available = ";".join(day_slots("d2", "d3"))
        investors.append({
            "id": f"INV{k:02d}", "name": name, "organisation": organisation,
            "sectors": weights(sectors),
            "stages": ";".join(f"{s}:{1 if j == 0 else 0.5}" for j, s in enumerate(stages)),
            "ticket_min": str(ticket[0]) if ticket else "",
            "ticket_max": str(ticket[1]) if ticket else "",
            "countries": ";".join(countries), "languages": ";".join(languages(country, rng)),
            "max_meetings": str(rng.randint(8, 14)), "available": available, "unavailable": "",
            "table": "", "mode": mode})
# The city's innovation fund keeps its own table all week.
investors[0]["table"] = "A1"
investors[0]["mode"] = ""
investors[0]["available"] = ""


def shares(a, b):
    return not a or not b or bool(set(a.split(";")) & set(b.split(";")))


def modes_ok(a, b):
    a, b = a or "in-person", b or "in-person"
    return not ((a == "online" and b == "in-person") or (b == "online" and a == "in-person"))


def sector_set(row):
    return {w.split(":")[0] for w in row["sectors"].split(";")}


def free(row, slot):
    if row["available"]:
        return slot in row["available"].split(";")
    return slot not in row["unavailable"].split(";")


def compatible(s, i):
    return shares(s["languages"], i["languages"]) and modes_ok(s["mode"], i["mode"])


# Requests: startups ask for investors in their sectors, popular funds get more; some are
# returned by the investor (mutual), a few are `must`.
popularity = [1.0 / (k + 2) for k in range(len(investors))]
order = list(range(len(investors)))
rng.shuffle(order)
weight = [0.0] * len(investors)
for rank, i in enumerate(order):
    weight[i] = popularity[rank]
requests, seen = [], set()
blocked = [("S003", "INV08", "conflict of interest: the fund is an existing shareholder"),
           ("S041", "INV09", "competitor of a portfolio company")]
blocked_pairs = {(s, i) for s, i, _ in blocked}
for s in startups:
    fit = [w * (4 if sector_set(s) & sector_set(i) else 0.3) for w, i in zip(weight, investors)]
    for _ in range(rng.randint(0, 4)):
        i = investors[rng.choices(range(len(investors)), weights=fit)[0]]
        key = (s["id"], i["id"], "startup")
        if key in seen or (s["id"], i["id"]) in blocked_pairs or not compatible(s, i):
            continue
        seen.add(key)
        requests.append((s["id"], i["id"], "startup", "must" if rng.random() < 0.1 else "want"))
        if rng.random() < 0.2 and (s["id"], i["id"], "investor") not in seen:
            seen.add((s["id"], i["id"], "investor"))
            requests.append((s["id"], i["id"], "investor", "want"))
for i in investors:
    for _ in range(rng.randint(0, 3)):
        s = rng.choice(startups)
        key = (s["id"], i["id"], "investor")
        if (key in seen or (s["id"], i["id"]) in blocked_pairs or not compatible(s, i)
                or not sector_set(s) & sector_set(i)):
            continue
        seen.add(key)
        requests.append((s["id"], i["id"], "investor", "must" if rng.random() < 0.15 else "want"))

# One confirmed meeting: the first mutual request whose two sides are both free in the
# opening slot of day 2 (a mutual request is a requested, compatible, unblocked pair).
pinned = []
mutual = [(s, i) for s, i, by, _ in requests if by == "investor" and (s, i, "startup") in seen]
by_id = {r["id"]: r for r in startups + investors}
for s, i in mutual:
    if free(by_id[s], "d2-0900") and free(by_id[i], "d2-0900"):
        pinned.append((s, i, "d2-0900"))
        break
assert pinned, "no mutual request fits the pinned slot"
for s, i, by, _ in requests:
    assert (s, i) not in blocked_pairs


def write_csv(name, header, rows, excel=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[h] for h in header] if isinstance(row, dict) else row)
    data = buffer.getvalue().encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as out:
        out.write((b"\xef\xbb\xbf" if excel else b"") + data)


write_csv("startups.csv", ["id", "name", "sectors", "stage", "ask", "country", "languages",
                           "max_meetings", "min_meetings", "available", "unavailable", "mode"],
          startups, excel=True)
write_csv("investors.csv", ["id", "name", "organisation", "sectors", "stages", "ticket_min",
                            "ticket_max", "countries", "languages", "max_meetings", "available",
                            "unavailable", "table", "mode"], investors, excel=True)
write_csv("slots.csv", ["id", "start", "minutes", "tables"], SLOTS)
write_csv("requests.csv", ["startup", "investor", "by", "priority"], requests)
write_csv("blocked.csv", ["startup", "investor", "reason"], blocked)
write_csv("pinned.csv", ["startup", "investor", "slot"], pinned)

settings = {
    "format": "festmatch-event/1",
    "event": {"name": "Techfest Hải Phòng 2023 — investor connection sessions",
              "timezone": "Asia/Ho_Chi_Minh"},
    "sectors": SECTORS,
    "related_sectors": RELATED,
    "stages": STAGES,
    "tables": TABLES,
    "weights": {"sector": 0.45, "stage": 0.25, "ticket": 0.15, "country": 0.1, "language": 0.05},
    "options": {"min_score": 0.3, "one_per_organisation": True, "min_meetings": 3},
}
with open(os.path.join(HERE, "event.json"), "w", encoding="utf-8", newline="\n") as out:
    json.dump(settings, out, ensure_ascii=False, indent=2)
    out.write("\n")
print(f"{len(startups)} startups, {len(investors)} investors, {len(SLOTS)} slots, "
      f"{len(requests)} requests, {len(blocked)} blocked, {len(pinned)} pinned")
