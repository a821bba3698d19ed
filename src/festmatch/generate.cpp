#include "festmatch/generate-inl.hpp"
