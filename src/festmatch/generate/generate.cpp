#include "festmatch/generate/generate-inl.hpp"
