#include "festmatch/event/event_folder-inl.hpp"
