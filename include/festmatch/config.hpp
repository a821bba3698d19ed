// festmatch — how the library is built: compiled once (the festmatch::festmatch target) or
// header-only (festmatch::header_only, which defines FESTMATCH_HEADER_ONLY).
//
// Each public header declares its functions; their definitions live in the `*-inl.hpp` beside
// it. The compiled library includes every `*-inl.hpp` once (src/festmatch/*.cpp); with
// FESTMATCH_HEADER_ONLY each public header includes its own at the end and FESTMATCH_FUNC makes
// the definitions inline, so nothing needs linking but fmt.
#pragma once

#ifdef FESTMATCH_HEADER_ONLY
#define FESTMATCH_FUNC inline
#else
#define FESTMATCH_FUNC
#endif
