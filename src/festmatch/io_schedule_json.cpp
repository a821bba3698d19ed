#include "festmatch/io/schedule_json-inl.hpp"
