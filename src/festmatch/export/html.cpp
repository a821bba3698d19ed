#include "festmatch/export/html-inl.hpp"
