//! Reads the C declarations back from the shared object's DWARF, cmd/cgo's way: the
//! generated C declares `__typeof__(NAME) *__cgo__probe_NAME;` for each name, and the
//! debug info of that variable says what `NAME` is. A linked shared object needs no
//! relocation processing (a `.o` would).

use std::collections::HashMap;

use gimli::{AttributeValue, EndianSlice, LittleEndian, UnitOffset};
use object::{Object as _, ObjectSection as _};
use types::cgo::CType;

/// The prefix of the probe variables (docs/cgo.md).
pub(crate) const PROBE_PREFIX: &str = "__cgo__probe_";

type Reader<'a> = EndianSlice<'a, LittleEndian>;
type Unit<'a> = gimli::Unit<Reader<'a>>;

/// What a probed name turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Probed {
    Func {
        params: Vec<CType>,
        result: CType,
        variadic: bool,
    },
    /// A variable, a constant, a type: anything but a function.
    NotFunc,
}

/// Every probe variable in the object, by the name it probes.
pub(crate) fn read_probes(object_bytes: &[u8]) -> Result<HashMap<String, Probed>, String> {
    let object = object::File::parse(object_bytes).map_err(|e| e.to_string())?;
    let dwarf = gimli::Dwarf::load(|id| -> Result<_, String> {
        let data = match object.section_by_name(id.name()) {
            Some(section) => section.data().map_err(|e| e.to_string())?,
            None => &[],
        };
        Ok(EndianSlice::new(data, LittleEndian))
    })?;
    let mut probes = HashMap::new();
    let mut headers = dwarf.units();
    while let Some(header) = headers.next().map_err(|e| e.to_string())? {
        let unit = dwarf.unit(header).map_err(|e| e.to_string())?;
        let mut entries = unit.entries();
        while let Some(entry) = entries.next_dfs().map_err(|e| e.to_string())? {
            if entry.tag() != gimli::DW_TAG_variable || entry.depth() != 1 {
                continue;
            }
            let Some(name) = entry.attr_value(gimli::DW_AT_name) else { continue };
            let name = dwarf.attr_string(&unit, name).map_err(|e| e.to_string())?;
            let name = name.to_string_lossy();
            let Some(probed) = name.strip_prefix(PROBE_PREFIX) else { continue };
            let types = Types { dwarf: &dwarf, unit: &unit };
            // The variable is a pointer to the probed name's type.
            let pointee = types.referenced(entry.attr_value(gimli::DW_AT_type)).and_then(|ptr| types.pointee(ptr));
            let result = match pointee.map(|t| types.strip(t)).transpose()? {
                Some(t) if types.tag(t)? == gimli::DW_TAG_subroutine_type => types.function(t)?,
                _ => Probed::NotFunc,
            };
            probes.insert(probed.to_string(), result);
        }
    }
    Ok(probes)
}

/// Type entries of one unit.
struct Types<'d, 'a> {
    dwarf: &'d gimli::Dwarf<Reader<'a>>,
    unit: &'d Unit<'a>,
}

impl Types<'_, '_> {
    fn tag(&self, t: UnitOffset) -> Result<gimli::DwTag, String> {
        Ok(self.unit.entry(t).map_err(|e| e.to_string())?.tag())
    }

    /// The entry a `DW_AT_type` refers to; `None` for an absent one (`void`).
    fn referenced(&self, value: Option<AttributeValue<Reader<'_>>>) -> Option<UnitOffset> {
        match value? {
            AttributeValue::UnitRef(offset) => Some(offset),
            AttributeValue::DebugInfoRef(offset) => offset.to_unit_offset(&self.unit.header),
            _ => None,
        }
    }

    /// What a pointer type points to (`None`: `void`, or not a pointer).
    fn pointee(&self, pointer: UnitOffset) -> Option<UnitOffset> {
        let entry = self.unit.entry(pointer).ok()?;
        (entry.tag() == gimli::DW_TAG_pointer_type).then(|| self.referenced(entry.attr_value(gimli::DW_AT_type)))?
    }

    /// Skips typedefs and qualifiers.
    fn strip(&self, mut t: UnitOffset) -> Result<UnitOffset, String> {
        loop {
            let entry = self.unit.entry(t).map_err(|e| e.to_string())?;
            match entry.tag() {
                gimli::DW_TAG_typedef
                | gimli::DW_TAG_const_type
                | gimli::DW_TAG_volatile_type
                | gimli::DW_TAG_restrict_type
                | gimli::DW_TAG_atomic_type => match self.referenced(entry.attr_value(gimli::DW_AT_type)) {
                    Some(next) => t = next,
                    None => return Ok(t),
                },
                _ => return Ok(t),
            }
        }
    }

    fn name(&self, t: UnitOffset) -> Result<Option<String>, String> {
        let entry = self.unit.entry(t).map_err(|e| e.to_string())?;
        let Some(value) = entry.attr_value(gimli::DW_AT_name) else { return Ok(None) };
        let name = self.dwarf.attr_string(self.unit, value).map_err(|e| e.to_string())?;
        Ok(Some(name.to_string_lossy().into_owned()))
    }

    /// A subroutine type's parameters, result and `...`.
    fn function(&self, t: UnitOffset) -> Result<Probed, String> {
        let entry = self.unit.entry(t).map_err(|e| e.to_string())?;
        let result = self.ctype(self.referenced(entry.attr_value(gimli::DW_AT_type)))?;
        let mut param_types = Vec::new();
        let mut variadic = false;
        let mut tree = self.unit.entries_tree(Some(t)).map_err(|e| e.to_string())?;
        let mut children = tree.root().map_err(|e| e.to_string())?.children();
        while let Some(child) = children.next().map_err(|e| e.to_string())? {
            let child = child.entry();
            match child.tag() {
                gimli::DW_TAG_formal_parameter => {
                    param_types.push(self.referenced(child.attr_value(gimli::DW_AT_type)))
                }
                gimli::DW_TAG_unspecified_parameters => variadic = true,
                _ => {}
            }
        }
        let params = param_types.into_iter().map(|p| self.ctype(p)).collect::<Result<_, _>>()?;
        Ok(Probed::Func { params, result, variadic })
    }

    /// The [`CType`] of a type entry (`None`: `void`). An unsupported type is spelled
    /// by the outermost typedef's name if it has one (`FILE`), else structurally.
    fn ctype(&self, t: Option<UnitOffset>) -> Result<CType, String> {
        let Some(t) = t else { return Ok(CType::Void) };
        let stripped = self.strip(t)?;
        let entry = self.unit.entry(stripped).map_err(|e| e.to_string())?;
        let ctype = match entry.tag() {
            gimli::DW_TAG_base_type => {
                let name = self.name(stripped)?.unwrap_or_default();
                let size = entry.attr_value(gimli::DW_AT_byte_size).and_then(|v| v.udata_value());
                let encoding = match entry.attr_value(gimli::DW_AT_encoding) {
                    Some(AttributeValue::Encoding(e)) => e,
                    _ => gimli::DwAte(0),
                };
                base_type(&name, encoding, size)
            }
            gimli::DW_TAG_pointer_type => {
                let pointee = self.referenced(entry.attr_value(gimli::DW_AT_type));
                match pointee.map(|p| self.strip(p)).transpose()? {
                    // A function pointer (spelled below).
                    Some(p) if self.tag(p)? == gimli::DW_TAG_subroutine_type => CType::Unsupported(String::new()),
                    _ => CType::Pointer(Box::new(self.ctype(pointee)?)),
                }
            }
            _ => CType::Unsupported(String::new()),
        };
        Ok(match ctype {
            CType::Unsupported(_) => CType::Unsupported(self.spelling(Some(t))?),
            supported => supported,
        })
    }

    /// A C spelling of a type for messages: typedef names kept, `struct s`, `T *`.
    fn spelling(&self, t: Option<UnitOffset>) -> Result<String, String> {
        let Some(t) = t else { return Ok("void".to_string()) };
        let entry = self.unit.entry(t).map_err(|e| e.to_string())?;
        let name = self.name(t)?;
        let inner = self.referenced(entry.attr_value(gimli::DW_AT_type));
        Ok(match entry.tag() {
            gimli::DW_TAG_typedef | gimli::DW_TAG_base_type => name.unwrap_or_default(),
            gimli::DW_TAG_structure_type => format!("struct {}", name.as_deref().unwrap_or("{...}")),
            gimli::DW_TAG_union_type => format!("union {}", name.as_deref().unwrap_or("{...}")),
            gimli::DW_TAG_enumeration_type => format!("enum {}", name.as_deref().unwrap_or("{...}")),
            gimli::DW_TAG_const_type => format!("const {}", self.spelling(inner)?),
            gimli::DW_TAG_volatile_type => format!("volatile {}", self.spelling(inner)?),
            gimli::DW_TAG_pointer_type => {
                match inner.map(|i| self.unit.entry(i)).transpose().map_err(|e| e.to_string())? {
                    Some(function) if function.tag() == gimli::DW_TAG_subroutine_type => {
                        format!("{} (*)(...)", self.spelling(self.referenced(function.attr_value(gimli::DW_AT_type)))?)
                    }
                    _ => format!("{} *", self.spelling(inner)?),
                }
            }
            gimli::DW_TAG_array_type => format!("{}[]", self.spelling(inner)?),
            _ => name.unwrap_or_else(|| "?".to_string()),
        })
    }
}

/// A base type by its encoding and size, so that gcc's names (`long unsigned int`)
/// and clang's (`unsigned long`) both map to cgo's (`ulong`).
fn base_type(name: &str, encoding: gimli::DwAte, size: Option<u64>) -> CType {
    let long_long = name.contains("long long");
    let int = |name: &'static str| CType::Int(name);
    match (encoding, size) {
        (gimli::DW_ATE_signed_char | gimli::DW_ATE_unsigned_char, Some(1)) if name == "char" => int("char"),
        (gimli::DW_ATE_signed_char | gimli::DW_ATE_signed, Some(1)) => int("schar"),
        (gimli::DW_ATE_unsigned_char | gimli::DW_ATE_unsigned, Some(1)) => int("uchar"),
        (gimli::DW_ATE_signed, Some(2)) => int("short"),
        (gimli::DW_ATE_unsigned, Some(2)) => int("ushort"),
        (gimli::DW_ATE_signed, Some(4)) => int("int"),
        (gimli::DW_ATE_unsigned, Some(4)) => int("uint"),
        (gimli::DW_ATE_signed, Some(8)) => int(if long_long { "longlong" } else { "long" }),
        (gimli::DW_ATE_unsigned, Some(8)) => int(if long_long { "ulonglong" } else { "ulong" }),
        (gimli::DW_ATE_float, Some(4)) => CType::Float,
        (gimli::DW_ATE_float, Some(8)) => CType::Double,
        _ => CType::Unsupported(name.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_types_by_encoding_and_size() {
        assert_eq!(base_type("char", gimli::DW_ATE_signed_char, Some(1)), CType::Int("char"));
        assert_eq!(base_type("signed char", gimli::DW_ATE_signed_char, Some(1)), CType::Int("schar"));
        assert_eq!(base_type("unsigned char", gimli::DW_ATE_unsigned_char, Some(1)), CType::Int("uchar"));
        assert_eq!(base_type("short unsigned int", gimli::DW_ATE_unsigned, Some(2)), CType::Int("ushort"));
        assert_eq!(base_type("long int", gimli::DW_ATE_signed, Some(8)), CType::Int("long"));
        assert_eq!(base_type("unsigned long", gimli::DW_ATE_unsigned, Some(8)), CType::Int("ulong"));
        assert_eq!(base_type("long long unsigned int", gimli::DW_ATE_unsigned, Some(8)), CType::Int("ulonglong"));
        assert_eq!(base_type("float", gimli::DW_ATE_float, Some(4)), CType::Float);
        assert_eq!(base_type("_Bool", gimli::DW_ATE_boolean, Some(1)), CType::Unsupported("_Bool".into()));
        assert_eq!(base_type("long double", gimli::DW_ATE_float, Some(16)), CType::Unsupported("long double".into()));
    }
}
