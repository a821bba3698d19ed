#include "festmatch/scoring/scoring-inl.hpp"
