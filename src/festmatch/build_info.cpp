#include "festmatch/build_info-inl.hpp"
