//! Reading and writing a generated struct: one `Deserialize` and one `Serialize` path for every type, written
//! once here. serde's derives write, for every struct, a field enum with its own visitor, a path for objects
//! and one for arrays (which no JSON API sends for an object), and a `?` with its error path per field; a
//! generated model instead states its fields once ([`fields!`]) and is read and written through the
//! functions here. Reading: a field name is looked up in the type's table, an unknown one is skipped, a
//! repeated one is an error, and a missing one is `None` for an `Option`, the default for a field declared
//! so (`Nullable`'s `Absent`), else an error, as with serde's derive. Writing: the fields in order, the
//! empty optional ones left out, as serde's derive with `skip_serializing_if` does.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A struct read from an object, field by field ([`fields!`] writes the impl).
pub trait Object: Sized {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// The wire names of its fields.
    const FIELDS: &'static [&'static str];
    /// Reads the fields from the object's entries.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize` of an [`Object`]: an object, read by [`Object::read`]; anything else is an error.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// Where one field's value waits while its object is read: the struct's local `Option`, wrapped by how
/// a missing entry is settled ([`slot`]). A generated `read` passes its slots to [`read_fields`] as trait
/// objects, so the loop over entries, with its error paths, is compiled once here and not once per struct.
pub trait Slot<'de, A: MapAccess<'de>> {
    /// Reads the entry's value into the slot; a second value for the same field is an error.
    fn fill(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error>;
    /// Once every entry is read: an empty slot gets what a missing field means for it, or an error.
    fn settle(&mut self, name: &'static str) -> Result<(), A::Error>;
}

/// The slots of each kind of field, named as the generator names a field's presence.
pub mod slot {
    /// A required field: missing, it is an error (or `None`, should its type be an `Option`).
    pub struct Required<'a, T>(pub &'a mut Option<T>);
    /// An optional field (`Option<T>`): missing, it is `None`.
    pub struct Optional<'a, T>(pub &'a mut Option<T>);
    /// A required but nullable field (`Option<T>`): missing, it is `None`, as with serde's derive.
    pub struct Nullable<'a, T>(pub &'a mut Option<T>);
    /// An optional nullable field (`Nullable<T>`): missing, it is its default, `Absent`.
    pub struct OptionalNullable<'a, T>(pub &'a mut Option<T>);
}

/// Reads a value into an empty slot.
fn fill_slot<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A missing field is read from [`Missing`]: `None` for an `Option`, else the error "missing field", as
/// serde's derive decides.
fn settle_missing<'de, T: Deserialize<'de>, E: de::Error>(
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), E> {
    if slot.is_none() {
        *slot = Some(T::deserialize(Missing(name, PhantomData))?);
    }
    Ok(())
}

macro_rules! missing_means_missing {
    ($($kind:ident),*) => {$(
        impl<'de, A: MapAccess<'de>, T: Deserialize<'de>> Slot<'de, A> for slot::$kind<'_, T> {
            fn fill(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error> {
                fill_slot(self.0, map, name)
            }
            fn settle(&mut self, name: &'static str) -> Result<(), A::Error> {
                settle_missing(self.0, name)
            }
        }
    )*};
}
missing_means_missing!(Required, Optional, Nullable);

impl<'de, A: MapAccess<'de>, T: Deserialize<'de> + Default> Slot<'de, A>
    for slot::OptionalNullable<'_, T>
{
    fn fill(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error> {
        fill_slot(self.0, map, name)
    }
    fn settle(&mut self, _name: &'static str) -> Result<(), A::Error> {
        if self.0.is_none() {
            *self.0 = Some(T::default());
        }
        Ok(())
    }
}

/// Reads an object's entries into the slots of `T`'s fields (in the order of `T::FIELDS`), skipping
/// entries of other names, then settles every slot: afterwards each holds a value.
pub fn read_fields<'de, T: Object, A: MapAccess<'de>>(
    map: &mut A,
    slots: &mut [&mut dyn Slot<'de, A>],
) -> Result<(), A::Error> {
    while let Some(entry) = map.next_key_seed(Key(T::FIELDS))? {
        match entry.and_then(|index| Some((T::FIELDS.get(index)?, slots.get_mut(index)?))) {
            Some((name, slot)) => slot.fill(map, name)?,
            None => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    for (slot, name) in slots.iter_mut().zip(T::FIELDS) {
        slot.settle(name)?;
    }
    Ok(())
}

/// What `read` answers when a slot is empty after [`read_fields`], which settles every slot: an error, in
/// case a generated table and its struct ever disagree, rather than a panic.
pub fn unsettled<T: Object, E: de::Error>() -> E {
    E::custom(format_args!("struct {}: a field was left unread", T::NAME))
}

/// One field of a struct being written, by the presence the generator gave it: `Required` and `Nullable`
/// are always written (`null` for a nullable `None`), `Optional` and `OptionalNullable` are left out when
/// empty (`None`, `Absent`), as serde's `skip_serializing_if` would.
pub enum Out<'a> {
    /// A required field.
    Required(&'static str, &'a dyn erased_serde::Serialize),
    /// An optional field (`Option<T>`).
    Optional(&'static str, &'a dyn Omittable),
    /// A required nullable field (`Option<T>`).
    Nullable(&'static str, &'a dyn erased_serde::Serialize),
    /// An optional nullable field (`Nullable<T>`).
    OptionalNullable(&'static str, &'a dyn Omittable),
}

/// A value a struct leaves out when it is empty.
pub trait Omittable {
    /// Whether the field is left out.
    fn omitted(&self) -> bool;
    /// The value, to write when it is not.
    fn value(&self) -> &dyn erased_serde::Serialize;
}

impl<T: Serialize> Omittable for Option<T> {
    fn omitted(&self) -> bool {
        self.is_none()
    }
    fn value(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

impl<T: Serialize> Omittable for super::Nullable<T> {
    fn omitted(&self) -> bool {
        self.is_absent()
    }
    fn value(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

/// A field's wire name, and its value unless it is left out.
fn written<'a>(field: &'a Out<'a>) -> (&'static str, Option<&'a dyn erased_serde::Serialize>) {
    match field {
        Out::Required(name, value) | Out::Nullable(name, value) => (name, Some(*value)),
        Out::Optional(name, value) | Out::OptionalNullable(name, value) => {
            (name, (!value.omitted()).then(|| value.value()))
        }
    }
}

/// `Serialize` of a struct from its fields' table ([`fields!`] writes the impl): the calls serde's
/// derive makes (`serialize_struct` with the count of fields written, then `serialize_field` or
/// `skip_field` for each, in order), made once here for every struct.
pub fn serialize<S: Serializer>(
    serializer: S,
    name: &'static str,
    fields: &[Out<'_>],
) -> Result<S::Ok, S::Error> {
    let count = fields
        .iter()
        .filter(|field| written(field).1.is_some())
        .count();
    let mut state = serializer.serialize_struct(name, count)?;
    for field in fields {
        match written(field) {
            (name, Some(value)) => state.serialize_field(name, value)?,
            (name, None) => state.skip_field(name)?,
        }
    }
    state.end()
}

/// Looks an entry's name up in a type's field table: its index there (`None`: not a field of it).
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| *field == name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == name))
    }

    // Formats that name fields by their index, as serde's derive allows.
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        let index = usize::try_from(index).ok();
        Ok(index.filter(|index| *index < self.0.len()))
    }
}

/// What a missing field is read from: `None` for an `Option`, an error ("missing field") for anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Implements `Deserialize` (through [`Object`]) and `Serialize` for a struct from its fields, in declaration
/// order: `Kind(field, "wire")`, where `Kind` is the field's presence (`Required`, `Optional`, `Nullable`
/// or `OptionalNullable`: how a missing entry is read, [`slot`], and whether an empty value is written,
/// [`Out`]). The first argument is the name the invoking module knows this runtime by, as for
/// [`crate::enums::string_enum!`]. Structs whose fields need `with` modules or `flatten` keep serde's derives.
///
/// Each impl is a table handed to one function here ([`read_fields`], [`serialize`]): the per-struct code
/// has no loop and no error path of its own, which is most of what a compiler spends on a generated model.
pub use crate::__object_fields as fields;

#[doc(hidden)]
#[macro_export]
macro_rules! __object_fields {
    ($rt:ident, $name:ident $(, $kind:ident($field:ident, $wire:literal))* $(,)?) => {
        impl $rt::object::Object for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];
            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = ::std::option::Option::None;)*
                $rt::object::read_fields::<Self, A>(
                    &mut map,
                    &mut [$(&mut $rt::object::slot::$kind(&mut $field)
                        as &mut dyn $rt::object::Slot<'de, A>),*],
                )?;
                match ($($field,)*) {
                    ($(::std::option::Option::Some($field),)*) => {
                        ::std::result::Result::Ok(Self { $($field),* })
                    }
                    #[allow(unreachable_patterns)]
                    _ => ::std::result::Result::Err($rt::object::unsettled::<Self, A::Error>()),
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $rt::object::deserialize(deserializer)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $rt::object::serialize(
                    serializer,
                    <Self as $rt::object::Object>::NAME,
                    &[$($rt::object::Out::$kind($wire, &self.$field)),*],
                )
            }
        }
    };
}
