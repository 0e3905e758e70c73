#include "aot/python_generator.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "aot/api_generator.h"
#include "aot/c_api_generator.h"

namespace xlsaot {
namespace {

// Python keywords, and the names the generated code uses inside a method.
constexpr std::string_view kPythonReserved[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "self"};

// The names the module defines besides the entries'.
constexpr std::string_view kModuleNames[] = {"Runner", "Error", "AssertionFailedError", "OK",
                                             "ERROR_ASSERTION_FAILED", "ctypes", "os", "threading"};

bool Contains(const std::string_view* begin, const std::string_view* end, std::string_view s) {
  return std::find(begin, end, s) != end;
}

bool IsPythonReserved(std::string_view s) {
  return Contains(std::begin(kPythonReserved), std::end(kPythonReserved), s);
}

// The type table of an entry as a Python literal, one type a line:
// ("bits", N), ("token",), ("tuple", (indices,)), ("array", index, count).
std::string TypeTable(const MetadataView& m) {
  std::string out = "(\n";
  for (uint32_t i = 0; i < m.types.size(); ++i) {
    const TypeDesc& t = m.types[i];
    out += "    ";
    switch (t.kind) {
      case TypeDescKind::kBits:
        out += "(\"bits\", " + std::to_string(t.bit_count) + ")";
        break;
      case TypeDescKind::kToken:
        out += "(\"token\",)";
        break;
      case TypeDescKind::kTuple: {
        out += "(\"tuple\", (";
        for (uint64_t e = 0; e < t.element_count; ++e) {
          out += std::to_string(m.fields[t.first_field + e].type) + (t.element_count == 1 || e + 1 < t.element_count ? "," : "");
          if (e + 1 < t.element_count) out += " ";
        }
        out += "))";
        break;
      }
      case TypeDescKind::kArray:
        out += "(\"array\", " + std::to_string(t.element_type) + ", " + std::to_string(t.element_count) + ")";
        break;
    }
    out += ",  # " + std::to_string(i) + ": " + CommentText(TypeDescText(m, i)) + "\n";
  }
  return out + ")";
}

// The Python value of a type without storage, a default argument.
std::string EmptyValue(const MetadataView& m, uint32_t index) {
  const TypeDesc& t = m.type(index);
  switch (t.kind) {
    case TypeDescKind::kBits:
      return "0";
    case TypeDescKind::kToken:
      return "None";
    case TypeDescKind::kTuple: {
      std::string out = "(";
      for (uint64_t e = 0; e < t.element_count; ++e) {
        out += EmptyValue(m, m.fields[t.first_field + e].type);
        out += (t.element_count == 1 || e + 1 < t.element_count) ? "," : "";
        if (e + 1 < t.element_count) out += " ";
      }
      return out + ")";
    }
    case TypeDescKind::kArray: {
      std::string out = "[";
      for (uint64_t e = 0; e < t.element_count; ++e) out += (e ? ", " : "") + EmptyValue(m, t.element_type);
      return out + "]";
    }
  }
  return "None";
}

// The Python parameter names: those of the C++ API, kept clear of Python
// keywords and `self`.
std::vector<std::string> PythonParams(const MetadataView& m) {
  std::vector<std::string> ids = ParamIdentifiers(m);
  std::set<std::string> taken(ids.begin(), ids.end());
  for (std::string& id : ids) {
    if (!IsPythonReserved(id)) continue;
    std::string renamed = "arg_" + id;
    for (int n = 2; taken.count(renamed); ++n) renamed = "arg_" + id + "_" + std::to_string(n);
    taken.insert(renamed);
    id = renamed;
  }
  return ids;
}

constexpr std::string_view kPrologueBody = R"PY(import ctypes
import os
import threading

_LIBRARY = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(__file__)), _LIBRARY_FILE))
_LIBRARY.xlsaot_error_code_name.argtypes = [ctypes.c_int]
_LIBRARY.xlsaot_error_code_name.restype = ctypes.c_char_p

# Codes of xlsaot_error_code (xlsaot/c_api.h).
OK = 0
ERROR_ASSERTION_FAILED = 9


class Error(Exception):
    """A call failed: `code` is its xlsaot_error_code (an int), `code_name`
    the name of that code, `message` the message (also str(error))."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.code_name = _LIBRARY.xlsaot_error_code_name(code).decode()
        self.message = message


class AssertionFailedError(Error):
    """Assertions failed: `messages` and `labels` ("" when none) of each, in
    execution order; `value` is the result, computed regardless."""

    def __init__(self, message, messages, labels, value):
        super().__init__(ERROR_ASSERTION_FAILED, message)
        self.messages = messages
        self.labels = labels
        self.value = value


def _text(c_string):
    return "" if c_string is None else c_string.decode("utf-8", "replace")


class _Types:
    """The types of one function: ("bits", N), ("token",), ("tuple",
    (element types...)) or ("array", element type, count), a type being an
    index into the table. A value of a type with storage has a C form (the
    ctypes mirror of the C API's type); one without storage has none."""

    def __init__(self, table):
        self._table = table
        self._c_types = {}

    def has_storage(self, index):
        kind = self._table[index]
        if kind[0] == "bits":
            return kind[1] > 0
        if kind[0] == "tuple":
            return any(self.has_storage(e) for e in kind[1])
        if kind[0] == "array":
            return self.has_storage(kind[1])
        return False

    def is_scalar(self, index):
        kind = self._table[index]
        return kind[0] == "bits" and 0 < kind[1] <= 64

    def text(self, index):
        kind = self._table[index]
        if kind[0] == "bits":
            return "bits[%d]" % kind[1]
        if kind[0] == "token":
            return "token"
        if kind[0] == "tuple":
            return "(" + ", ".join(self.text(e) for e in kind[1]) + ")"
        return "%s[%d]" % (self.text(kind[1]), kind[2])

    def c_type(self, index):
        if index in self._c_types:
            return self._c_types[index]
        kind = self._table[index]
        if kind[0] == "bits":
            n = kind[1]
            if n > 64:
                c = ctypes.c_uint8 * ((n + 7) // 8)
            elif n > 32:
                c = ctypes.c_uint64
            elif n > 16:
                c = ctypes.c_uint32
            elif n > 8:
                c = ctypes.c_uint16
            else:
                c = ctypes.c_uint8
        elif kind[0] == "tuple":
            fields = [("f%d" % i, self.c_type(e)) for i, e in enumerate(kind[1]) if self.has_storage(e)]
            c = type("_Tuple%d" % index, (ctypes.Structure,), {"_fields_": fields})
        else:
            c = self.c_type(kind[1]) * kind[2]
        self._c_types[index] = c
        return c

    def to_c(self, index, value, where):
        """`value` checked against the type (TypeError, ValueError naming
        `where`) and in its C form: an int for bits up to 64, a ctypes
        object for the others, None without storage."""
        kind = self._table[index]
        if kind[0] == "bits":
            n = kind[1]
            if not isinstance(value, int):
                raise TypeError("%s: expected an int for bits[%d], got %s" % (where, n, type(value).__name__))
            if value < 0 or value >> n:
                raise ValueError("%s: %d does not fit in bits[%d]" % (where, value, n))
            if n > 64:
                return self.c_type(index).from_buffer_copy(value.to_bytes((n + 7) // 8, "little"))
            return value if n > 0 else None
        if kind[0] == "token":
            if value is not None:
                raise TypeError("%s: expected None for a token, got %s" % (where, type(value).__name__))
            return None
        elements = kind[1] if kind[0] == "tuple" else (kind[1],) * kind[2]
        if not isinstance(value, (tuple, list)):
            raise TypeError("%s: expected a %s for %s, got %s"
                            % (where, kind[0] == "tuple" and "tuple" or "list", self.text(index),
                               type(value).__name__))
        if len(value) != len(elements):
            raise ValueError("%s: expected %d elements for %s, got %d"
                             % (where, len(elements), self.text(index), len(value)))
        converted = [self.to_c(e, v, "%s[%d]" % (where, i)) for i, (e, v) in enumerate(zip(elements, value))]
        if not self.has_storage(index):
            return None
        result = self.c_type(index)()
        for i, (e, c) in enumerate(zip(elements, converted)):
            if not self.has_storage(e):
                continue
            if kind[0] == "tuple":
                setattr(result, "f%d" % i, c)
            else:
                result[i] = c
        return result

    def from_c(self, index, c):
        """The Python value of C form `c`: int, tuple, list, or None."""
        kind = self._table[index]
        if kind[0] == "bits":
            if kind[1] == 0:
                return 0
            if kind[1] > 64:
                return int.from_bytes(bytes(c), "little")
            return c if isinstance(c, int) else c.value
        if kind[0] == "token":
            return None
        if kind[0] == "tuple":
            return tuple(self.from_c(e, getattr(c, "f%d" % i) if self.has_storage(e) else None)
                         for i, e in enumerate(kind[1]))
        element = kind[1]
        stored = self.has_storage(element)
        return [self.from_c(element, c[i] if stored else None) for i in range(kind[2])]


class _Entry:
    """The C API functions of one compiled function (prefix_*) and its
    signature: `params` (name, type) pairs, `result` a type."""

    def __init__(self, function_name, prefix, table, params, result):
        self.function_name = function_name
        self.types = _Types(table)
        self.params = params
        self.result = result
        self.try_create = self._function(prefix + "_try_create", ctypes.c_int,
                                         [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_size_t])
        self.destroy = self._function(prefix + "_destroy", None, [ctypes.c_void_p])
        self.last_error = self._function(prefix + "_last_error", ctypes.c_char_p, [ctypes.c_void_p])
        self.assertion_count = self._function(prefix + "_assertion_count", ctypes.c_size_t, [ctypes.c_void_p])
        self.assertion_message = self._function(prefix + "_assertion_message", ctypes.c_char_p,
                                                [ctypes.c_void_p, ctypes.c_size_t])
        self.assertion_label = self._function(prefix + "_assertion_label", ctypes.c_char_p,
                                              [ctypes.c_void_p, ctypes.c_size_t])
        argtypes = [ctypes.c_void_p]
        for _, index in params:
            if self.types.has_storage(index):
                c = self.types.c_type(index)
                argtypes.append(c if self.types.is_scalar(index) else ctypes.POINTER(c))
        if self.types.has_storage(result):
            argtypes.append(ctypes.POINTER(self.types.c_type(result)))
        self.run = self._function(prefix + "_run", ctypes.c_int, argtypes)

    @staticmethod
    def _function(name, restype, argtypes):
        function = getattr(_LIBRARY, name)
        function.restype = restype
        function.argtypes = argtypes
        return function

    def create(self):
        handle = ctypes.c_void_p()
        message = ctypes.create_string_buffer(4096)
        code = self.try_create(ctypes.byref(handle), message, len(message))
        if code != OK:
            raise Error(code, _text(message.value))
        return handle

    def call(self, handle, args):
        c_args = [handle]
        for (name, index), value in zip(self.params, args):
            c = self.types.to_c(index, value, "%s(): parameter '%s'" % (self.function_name, name))
            if self.types.has_storage(index):
                c_args.append(c if self.types.is_scalar(index) else ctypes.byref(c))
        out = None
        if self.types.has_storage(self.result):
            out = self.types.c_type(self.result)()
            c_args.append(ctypes.byref(out))
        code = self.run(*c_args)
        if code == OK:
            return self.types.from_c(self.result, out)
        message = _text(self.last_error(handle))
        if code != ERROR_ASSERTION_FAILED:
            raise Error(code, message)
        count = self.assertion_count(handle)
        raise AssertionFailedError(message,
                                   [_text(self.assertion_message(handle, i)) for i in range(count)],
                                   [_text(self.assertion_label(handle, i)) for i in range(count)],
                                   self.types.from_c(self.result, out))
)PY";

}  // namespace

std::string PythonFunctionName(std::string_view xls_name) {
  std::string id;
  for (char c : xls_name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok && !id.empty()) id += '_';
    if (ok && !(c == '_' && id.empty())) id += c;  // no leading '_': the module's private names
  }
  if (id.empty()) return "run";
  if (id[0] >= '0' && id[0] <= '9') id = "fn_" + id;
  if (IsPythonReserved(id) || Contains(std::begin(kModuleNames), std::end(kModuleNames), id)) id += "_";
  return id;
}

std::string PythonModulePrologue(std::string_view name) {
  const std::string n(name);
  std::string s;
  s += "# Generated by `xlsaot compile --python`. Do not edit.\n";
  s += "#\n";
  s += "# Calls the functions of artifact " + n + ", compiled ahead of time, from\n";
  s += "# Python: loads lib" + n + ".so (the artifact's object, its C API glue " + n + "_c.cc\n";
  s += "# and the xlsaot runtime, linked as a shared library) from this file's\n";
  s += "# directory. Standard library only; docs/python.md describes the values.\n";
  s += "\"\"\"The XLS functions of artifact " + n + ", compiled ahead of time by xlsaot.\"\"\"\n\n";
  s += "_LIBRARY_FILE = \"lib" + n + ".so\"\n\n";
  s += kPrologueBody;
  return s;
}

std::string PythonModuleEntry(const PythonEntry& entry) {
  const MetadataView& m = entry.metadata;
  const std::vector<std::string> names = PythonParams(m);
  const std::string entry_var = "_" + entry.function_name + "_entry";
  std::string signature;
  std::string args;
  std::string xls_signature = CommentText(m.function_name) + "(";
  size_t first_default = m.params.size();
  while (first_default > 0 && m.type(m.params[first_default - 1].type).size == 0) --first_default;
  for (size_t i = 0; i < m.params.size(); ++i) {
    if (i) {
      signature += ", ";
      args += ", ";
      xls_signature += ", ";
    }
    signature += names[i];
    if (i >= first_default) {
      signature += '=';
      signature += EmptyValue(m, m.params[i].type);
    }
    args += names[i];
    xls_signature += CommentText(m.params[i].name) + ": " + CommentText(TypeDescText(m, m.params[i].type));
  }
  xls_signature += ") -> " + CommentText(TypeDescText(m, m.return_type));
  const std::string arg_tuple = "(" + args + (m.params.size() == 1 ? ",)" : ")");
  const std::string call_doc = entry.function_name + "(" + args + ")";

  std::string s;
  s += "\n\n# XLS function " + xls_signature + "\n";
  s += entry_var + " = _Entry(\n";
  s += "    " + QuotedText(m.function_name) + ",\n";
  s += "    " + QuotedText(entry.c_prefix) + ",\n";
  std::string table = TypeTable(m);
  // Indent the table's lines under the call.
  std::string indented;
  for (char c : table) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  s += "    " + indented + ",\n";
  s += "    [";
  for (size_t i = 0; i < m.params.size(); ++i) {
    s += (i ? ", " : "") + std::string("(") + QuotedText(names[i]) + ", " + std::to_string(m.params[i].type) + ")";
  }
  s += "],\n";
  s += "    " + std::to_string(m.return_type) + ")\n\n\n";

  s += "class " + entry.class_name + ":\n";
  s += "    \"\"\"Runs the compiled XLS function (see the comment above). Create once,\n";
  s += "    run as often as needed; one runner serves one thread at a time.\"\"\"\n\n";
  s += "    def __init__(self):\n";
  s += "        self._destroy = " + entry_var + ".destroy\n";
  s += "        self._handle = None\n";
  s += "        self._handle = " + entry_var + ".create()\n\n";
  s += "    def run(self" + (signature.empty() ? "" : ", " + signature) + "):\n";
  s += "        \"\"\"Computes " + call_doc + ": ints for bits, tuples for tuples, lists for\n";
  s += "        arrays, None for tokens. Raises AssertionFailedError when assertions\n";
  s += "        fail, Error for other failures, TypeError or ValueError naming the\n";
  s += "        parameter for a value of the wrong type or width.\"\"\"\n";
  s += "        if self._handle is None:\n";
  s += "            raise ValueError(\"the runner is closed\")\n";
  s += "        return " + entry_var + ".call(self._handle, " + arg_tuple + ")\n\n";
  s += "    __call__ = run\n\n";
  s += "    def close(self):\n";
  s += "        \"\"\"Frees the runner's memory now rather than when it is collected.\"\"\"\n";
  s += "        if self._handle is not None:\n";
  s += "            self._destroy(self._handle)\n";
  s += "            self._handle = None\n\n";
  s += "    def __del__(self):\n";
  s += "        self.close()\n\n";
  s += "    def __enter__(self):\n";
  s += "        return self\n\n";
  s += "    def __exit__(self, *exception):\n";
  s += "        self.close()\n\n\n";
  const std::string local = "_" + entry.function_name + "_runners";
  s += local + " = threading.local()\n\n\n";
  s += "def " + entry.function_name + "(" + signature + "):\n";
  s += "    \"\"\"" + entry.class_name + "().run(...) with one runner per thread, made on first use.\"\"\"\n";
  s += "    runner = getattr(" + local + ", \"runner\", None)\n";
  s += "    if runner is None:\n";
  s += "        runner = " + entry.class_name + "()\n";
  s += "        " + local + ".runner = runner\n";
  s += "    return runner.run(" + args + ")\n";
  return s;
}

Result<std::string> GeneratePythonModule(const MetadataView& metadata, std::string_view name) {
  return GeneratePythonModule(std::span<const MetadataView>(&metadata, 1), name);
}

Result<std::string> GeneratePythonModule(std::span<const MetadataView> entries, std::string_view name) {
  XLSAOT_RETURN_IF_ERROR(CheckArtifactName(name));
  std::string module = PythonModulePrologue(name);
  for (const MetadataView& metadata : entries) {
    XLSAOT_RETURN_IF_ERROR(ValidateMetadata(metadata));
    const std::string function = PythonFunctionName(metadata.function_name);
    const bool one = entries.size() == 1;
    const PythonEntry entry{metadata,
                            one ? std::string(name) : std::string(name) + "_" + EntryIdentifier(metadata.function_name),
                            one ? "Runner" : "Runner_" + function, function};
    module += PythonModuleEntry(entry);
  }
  return module;
}

}  // namespace xlsaot
