#include "festmatch/scoring-inl.hpp"
