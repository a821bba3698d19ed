#include "festmatch/io/event_folder-inl.hpp"
