// festmatch — reading an event from whatever the user points at: an event file (JSON) or an
// event folder (event.json + CSV files).
//
//   festmatch::Event e = festmatch::read_event(argv[1]);   // throws InputError / InfeasibleError
//
// Warnings (valid settings that cannot work as expected) go where `options` says
// (event/read_options.hpp). A missing path, something that is neither a file nor a folder, an
// unreadable file or one larger than 256 MiB is an InputError naming the path.
#pragma once

#include <filesystem>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/event/read_options.hpp"

namespace festmatch {

FESTMATCH_FUNC Event read_event(const std::filesystem::path& file_or_folder,
                                const ReadOptions& options = {});

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/event/read_event-inl.hpp"
#endif
