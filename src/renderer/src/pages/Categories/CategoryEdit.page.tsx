import { Stack, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { categoryInput, emptyCategory, type Category, type CategoryValues } from '@shared/domain/categories';
import { useCall, useWrite } from '../../api/hooks';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { CategoryForm } from './CategoryForm';
import { Loaded } from '../../components/Loaded';

function valuesOf(category: Category): CategoryValues {
  const { id: _i, revision: _r, status: _s, createdAt: _c, updatedAt: _u, ...values } = category;
  return values;
}

/** `/categories/new` and `/categories/:id/edit`. */
export function CategoryEditPage() {
  const { id } = useParams();
  const categoryId = id ? Number(id) : null;
  const existing = useCall('categories:get', { id: categoryId ?? 0 }, { enabled: categoryId !== null });
  if (categoryId === null) return <Editor key="new" existing={null} />;
  return <Loaded query={existing}>{(category) => <Editor key={category.id} existing={category} />}</Loaded>;
}

function Editor({ existing }: { existing: Category | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const edit = useEditBase(existing);
  const form = useSchemaForm<CategoryValues>(categoryInput, existing ? valuesOf(existing) : emptyCategory());
  const create = useWrite('categories:create');
  const update = useWrite('categories:update');

  const onError = (error: unknown) => {
    if (!showServerErrors(form, error)) notifyError(t, error);
  };
  const submit = (values: CategoryValues) => {
    if (existing) {
      update.mutate(
        { ...values, id: existing.id, revision: edit.revision ?? existing.revision },
        {
          onSuccess: (saved) => {
            notifySuccess(t('categories:updated', { code: saved.code }));
            navigate(`/categories/${saved.id}`);
          },
          onError,
        },
      );
    } else {
      create.mutate(values, {
        onSuccess: (saved) => {
          notifySuccess(t('categories:created', { code: saved.code }));
          navigate(`/categories/${saved.id}`);
        },
        onError,
      });
    }
  };

  return (
    <Stack maw={1000}>
      <Title order={2}>{existing ? t('categories:editTitle', { code: existing.code }) : t('categories:createTitle')}</Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <CategoryForm
        form={form}
        onSubmit={submit}
        onCancel={() => navigate(existing ? `/categories/${existing.id}` : '/categories')}
        saving={create.isPending || update.isPending}
      />
    </Stack>
  );
}
